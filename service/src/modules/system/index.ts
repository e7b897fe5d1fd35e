// Integration settings as the AI engine takes them.
export { getIntegrationSettings, type IntegrationSettings, type OpenAISettings, type RunwareSettings } from './service';
export { openAIProviderFor, runwareProviderFor } from './clients';
