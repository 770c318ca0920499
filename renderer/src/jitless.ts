/**
 * Imported first by main.tsx: zod's compiled parsers are switched off before any schema is
 * built. Otherwise zod probes `new Function` while the bundle loads; the app's CSP refuses it
 * and reports a securitypolicyviolation at every start, though zod then works without it.
 */
import { z } from 'zod';

z.config({ jitless: true });
