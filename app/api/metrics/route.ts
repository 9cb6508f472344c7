/** GET /api/metrics: the web server's Prometheus metrics, behind DUET_METRICS_TOKEN (server/metrics.ts). */
import { metricsResponse } from '../../../server/metrics';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return metricsResponse(req.headers.get('authorization'));
}
