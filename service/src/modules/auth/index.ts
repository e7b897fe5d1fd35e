// Sign-in as the HTTP layer sees it: the user and session behind an access token.
export { loadPrincipal } from './queries';
export { TokenService } from './tokens';
export { verifySiteRequest } from './site-signature';
