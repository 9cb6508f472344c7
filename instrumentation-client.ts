/**
 * Runs in the browser before the app's own code (Next's instrumentation-client convention).
 * zod compiles object schemas with `new Function` when eval is allowed and probes for it once; under
 * the page's CSP (no eval: server/security-headers.ts) that probe is a policy violation. Jitless
 * parsing never probes. The server keeps zod's default.
 */
import { z } from 'zod';

z.config({ jitless: true });
