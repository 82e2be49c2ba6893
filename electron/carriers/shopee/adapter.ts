import type { BookingOutcome, CarrierAdapter, ShipmentRequest, TrackResult } from '../model';
import { ShopeeError, type ShopeeClient } from './client';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A repeated ship_order for a shipped order: Shopee says so in words; it is already done. */
const ALREADY_SHIPPED = /already|not ready_to_ship|status|ship_order_only/i;

/**
 * Shopee as the carrier of its own orders: the platform ships the order (ship_order), assigns the tracking number, and
 * its shipping document (THERMAL_AIR_WAYBILL, a PDF) is the face sheet the bench prints. The order no. is Shopee's
 * order_sn; asking again is safe (a shipped order is recognised, its number and document fetched again).
 */
export class ShopeeAdapter implements CarrierAdapter {
  readonly name = 'shopee';

  constructor(
    private readonly client: ShopeeClient,
    private readonly pollMs = 300,
  ) {}

  async book(req: ShipmentRequest): Promise<BookingOutcome> {
    const orderSn = req.reference;
    try {
      let tracking = await this.trackingNumber(orderSn, 1);
      if (!tracking) {
        const param = await this.client.call('GET', '/api/v2/logistics/get_shipping_parameter', {
          order_sn: orderSn,
        });
        const needed = (param.info_needed ?? {}) as Record<string, string[] | undefined>;
        const block: Record<string, unknown> = {};
        if (needed.dropoff !== undefined) block.dropoff = {};
        else if (needed.pickup !== undefined) {
          const pickup = param.pickup as {
            address_list?: { address_id: number; time_slot_list?: { pickup_time_id: string }[] }[];
          };
          const address = pickup?.address_list?.[0];
          block.pickup = {
            address_id: address?.address_id,
            pickup_time_id: address?.time_slot_list?.[0]?.pickup_time_id,
          };
        } else
          return {
            kind: 'rejected',
            code: 'non_integrated',
            message: 'this Shopee order ships with a tracking number of another carrier',
          };
        try {
          await this.client.call('POST', '/api/v2/logistics/ship_order', {}, { order_sn: orderSn, ...block });
        } catch (err) {
          if (!(err instanceof ShopeeError) || err.unknownOutcome || !ALREADY_SHIPPED.test(err.message))
            throw err;
        }
        tracking = await this.trackingNumber(orderSn, 10);
      }
      if (!tracking) return { kind: 'unknown', reason: 'Shopee has not assigned the tracking number yet' };
      return {
        kind: 'booked',
        details: {
          carrier: 'shopee',
          service: null,
          waybillNo: tracking,
          markDestination: null,
          sortingCode: null,
          label: { format: 'pdf', data: await this.document(orderSn, tracking) },
        },
      };
    } catch (err) {
      if (err instanceof ShopeeError)
        return err.unknownOutcome
          ? { kind: 'unknown', reason: err.message }
          : { kind: 'rejected', code: err.code, message: err.message };
      throw err;
    }
  }

  private async trackingNumber(orderSn: string, tries: number): Promise<string | null> {
    for (let i = 0; i < tries; i++) {
      const r = await this.client.call('GET', '/api/v2/logistics/get_tracking_number', { order_sn: orderSn });
      if (typeof r.tracking_number === 'string' && r.tracking_number) return r.tracking_number;
      if (i + 1 < tries) await pause(this.pollMs);
    }
    return null;
  }

  /** create → result until READY → download: the platform's own label, as a PDF. */
  private async document(orderSn: string, tracking: string): Promise<Buffer> {
    const order_list = [{ order_sn: orderSn, tracking_number: tracking }];
    const type = 'THERMAL_AIR_WAYBILL';
    await this.client.call(
      'POST',
      '/api/v2/logistics/create_shipping_document',
      {},
      { order_list, shipping_document_type: type },
    );
    for (let i = 0; i < 20; i++) {
      const r = await this.client.call(
        'POST',
        '/api/v2/logistics/get_shipping_document_result',
        {},
        { order_list, shipping_document_type: type },
      );
      const status = (r.result_list as { status?: string }[] | undefined)?.[0]?.status;
      if (status === 'READY') break;
      if (status === 'FAILED')
        throw new ShopeeError('document_failed', `shipping document of ${orderSn} failed`);
      await pause(this.pollMs);
    }
    return this.client.download('/api/v2/logistics/download_shipping_document', {
      order_list,
      shipping_document_type: type,
    });
  }

  recover(req: ShipmentRequest): Promise<BookingOutcome> {
    return this.book(req);
  }

  async cancel() {
    return {
      ok: false,
      message: 'a Shopee order is cancelled by the buyer or in Seller Centre, not by the bench',
    };
  }

  async track(waybillNo: string): Promise<TrackResult> {
    // Shopee tracks by order_sn; the bench asks with the order's number (the waybill's order is looked up by the caller).
    const r = await this.client.call('GET', '/api/v2/logistics/get_tracking_info', { order_sn: waybillNo });
    const list = (r.tracking_info ?? []) as {
      update_time: number;
      description: string;
      logistics_status?: string;
    }[];
    const status = String(r.logistics_status ?? '');
    const state: TrackResult['state'] = /DELIVERY_DONE/.test(status)
      ? 'signed'
      : /PICKUP_DONE|PICKED_UP/.test(status)
        ? 'collected'
        : /FAIL|LOST|EXCEPTION/.test(status)
          ? 'problem'
          : /RETURN/.test(status)
            ? 'returned'
            : list.length === 0
              ? 'none'
              : 'in-transit';
    return {
      state,
      events: list
        .map((e) => ({ at: new Date(e.update_time * 1000).toISOString(), text: e.description }))
        .sort((a, b) => a.at.localeCompare(b.at)),
    };
  }

  async test(): Promise<string> {
    const to = Math.floor(Date.now() / 1000);
    await this.client.call('GET', '/api/v2/order/get_order_list', {
      time_range_field: 'create_time',
      time_from: to - 86_400,
      time_to: to,
      page_size: 1,
    });
    return 'Shopee answered';
  }
}
