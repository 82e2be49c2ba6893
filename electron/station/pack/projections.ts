import { isMismatch } from '../../../shared/verify';
import type { Repos } from '../../store';
import { mismatchColumns } from '../feedback';
import type { Envelope } from './box';
import { MISMATCH_PHRASES } from '../../../shared/words';

const say = MISMATCH_PHRASES.say;

/** A lead's override as the mismatch row's resolution: who, the reason code, and their comment if any. */
const overrideBy = (e: { lead: string; reasonCode: string; comment: string | null }) =>
  e.comment
    ? say('override-by-comment', { lead: e.lead, reason: e.reasonCode, comment: e.comment })
    : say('override-by', { lead: e.lead, reason: e.reasonCode });

/**
 * Keeps the read tables in step with one event, inside the transaction that appends it: the mismatch log, the
 * serials taken, back-orders, and the order's and session's status.
 */
export function project(repos: Repos, env: Envelope, orderId: number, orderNo: string): void {
  const e = env.event;
  const base = {
    session_id: env.sessionId,
    seq: env.seq,
    order_no: orderNo,
    packer: env.packer,
    station_id: env.stationId,
    at: env.at,
  };
  switch (e.type) {
    case 'box.opened':
      repos.orders.setStatus(orderId, 'packing', null, env.at);
      return;
    case 'box.resumed':
      repos.sessions.setStatus(env.sessionId, 'open', null, e.stationId);
      repos.orders.setStatus(orderId, 'packing', null, env.at);
      return;
    case 'scan.checked':
      if (isMismatch(e.check.result))
        repos.mismatches.add({
          ...base,
          type: e.check.result,
          code: e.code,
          ...mismatchColumns(e.check, e.code),
        });
      if (e.check.result === 'ok' && e.check.serial)
        repos.sessions.addSerial(e.check.sku, e.check.serial, env.sessionId, env.seq);
      return;
    case 'scan.undone':
      if (e.serial) repos.sessions.removeSerial(e.sku, e.serial, env.sessionId);
      return;
    case 'insert.confirmed':
      return;
    case 'override.approved':
      if (e.scope === 'weight') {
        repos.mismatches.add({
          ...base,
          type: 'override',
          sku: null,
          code: null,
          expected: say('weight-in-tolerance'),
          actual: say('weight-approved'),
          resolution: overrideBy(e),
          resolved_by: e.lead,
        });
        return;
      }
      repos.mismatches.add({
        ...base,
        type: 'override',
        sku: e.short.map((s) => s.sku).join(', ') || null,
        code: null,
        expected: e.short.map((s) => `${s.sku} ×${s.missing}`).join(', ') || say('all-items'),
        actual: say('approved-without'),
        resolution: overrideBy(e),
        resolved_by: e.lead,
      });
      return;
    case 'box.partial':
      for (const s of e.short)
        repos.sessions.addBackorder({
          orderId,
          sessionId: env.sessionId,
          sku: s.sku,
          qty: s.missing,
          reason: e.reason,
          at: env.at,
        });
      repos.mismatches.add({
        ...base,
        type: 'partial',
        sku: e.short.map((s) => s.sku).join(', ') || null,
        code: null,
        expected: e.short.map((s) => `${s.sku} ×${s.missing}`).join(', '),
        actual: say('back-ordered'),
        resolution: say('partial-reason', { reason: e.reason }),
        resolved_by: env.packer,
      });
      return;
    case 'box.weighed': {
      const c = e.check;
      repos.mismatches.countWeight(env.at, c.differenceG);
      if (c.verdict === 'ok') {
        repos.sessions.recordWeight(env.sessionId, e.skuSet, e.grams, env.at);
        return;
      }
      repos.mismatches.add({
        ...base,
        type: 'weight',
        sku: c.missingWeights.join(', ') || null,
        code: null,
        expected:
          c.verdict === 'unknown'
            ? say('weight-no-unit', { skus: c.missingWeights.join(', ') })
            : say('weight-range', { expected: c.expectedG, tolerance: c.toleranceG }),
        actual: say('weight-actual', {
          actual: c.actualG,
          difference: `${c.differenceG >= 0 ? '+' : ''}${c.differenceG}`,
        }),
      });
      return;
    }
    case 'box.package':
    case 'carton.sealed':
    case 'label.scanned':
    case 'box.booking':
    case 'box.booked':
    case 'box.bookingFailed':
    case 'box.bookingUnknown':
    case 'box.bookingAttention':
    case 'box.waybillEntered':
    case 'box.bookingCancelled':
      // The shipments table is written by the booking itself, before and after the carrier call.
      return;
    case 'label.mismatch':
      repos.mismatches.add({
        ...base,
        type: 'label-mismatch',
        sku: null,
        code: e.actual,
        expected: e.expected,
        actual: e.actual,
      });
      return;
    case 'box.closed':
      repos.sessions.setStatus(env.sessionId, 'closed', env.at);
      repos.orders.markPacked(orderId, e.partial ? 'partial' : 'packed', env.at, env.packer);
      return;
    case 'box.held':
      repos.sessions.setStatus(env.sessionId, 'held', env.at);
      repos.orders.setStatus(orderId, 'held', `box set aside: ${e.reason}`, env.at);
      return;
  }
}
