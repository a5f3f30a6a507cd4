import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import './i18n';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root') as HTMLElement).render(<App />);
