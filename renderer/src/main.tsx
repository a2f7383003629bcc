/**
 * Entry: pick the carrier (Electron bridge or loopback WebSocket), render the Root.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/index.ts';
import { Root } from './app/Root.tsx';
import './styles/index.css';

const connection = connect();
const el = document.getElementById('root');
if (el) {
  createRoot(el).render(
    <StrictMode>
      <Root connection={connection} />
    </StrictMode>,
  );
}
