import { assist } from '../assist/assist';
import { generateContent } from './generate-content';

export { generateContent };

/** The writer's AI functions, for the engine of every process that runs jobs. */
export const writerFunctions = [generateContent, assist];
