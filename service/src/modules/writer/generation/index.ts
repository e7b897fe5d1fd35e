import { publishContent } from '../publishing/publish-content';
import { assist } from '../assist/assist';
import { generateContent } from './generate-content';

export { generateContent };

/** The writer's AI functions (publishing runs as one without a provider call), for the engine of every process that runs jobs. */
export const writerFunctions = [generateContent, assist, publishContent];
