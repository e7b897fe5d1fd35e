// Sign-in as the HTTP layer sees it: the user and session behind an access token.
export { Sessions } from './sessions';
export { TokenService } from './tokens';
