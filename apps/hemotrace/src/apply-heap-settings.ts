import { applyHeapSettings } from './heap-settings';

/* Imported first by main.ts, so the settings hold before loading the modules allocates anything. */
applyHeapSettings();
