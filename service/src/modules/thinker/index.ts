// Prompts, author profiles and strategies as the AI functions use them.
export { describeAuthorProfile, describeStrategy } from './describe';
export { getAuthorProfile, getPromptTemplate, getStrategy, renderPrompt, type AuthorProfileRow, type StrategyRow } from './service';
