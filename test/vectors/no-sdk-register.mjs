// `node --import tsx --import ./no-sdk-register.mjs`: registered after tsx, so it resolves first.
import { register } from 'node:module';

register('./no-sdk-hooks.mjs', import.meta.url);
