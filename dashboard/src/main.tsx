import { createRoot } from 'react-dom/client';
import '@wordpress/components/build-style/style.css';
import '@wordpress/dataviews/build-style/style.css';
import { SessionProvider } from './api/session';
import { App } from './app';
import './style.css';

createRoot(document.getElementById('igny8-root')!).render(
  <SessionProvider>
    <App />
  </SessionProvider>,
);
