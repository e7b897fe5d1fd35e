// Billing as other modules see it: credits reserved, settled or refunded around AI runs, and usage logged.
export { logUsage, refund, reserve, settle } from './service';
