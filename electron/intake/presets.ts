/** Column mappings: field → the header names that mean it. The first preset whose required headers are all present wins. */
export interface Preset<F extends string> {
  name: string;
  columns: Record<F, string[]>;
  required: F[];
}

export type OrderField =
  | 'orderNo'
  | 'shop'
  | 'platform'
  | 'sku'
  | 'name'
  | 'qty'
  | 'receiver'
  | 'phone'
  | 'province'
  | 'city'
  | 'district'
  | 'address'
  | 'note'
  | 'waybillNo'
  | 'tote'
  | 'pickList'
  | 'status'
  | 'orderValue'
  | 'cod'
  | 'carrier'
  | 'orderedAt'
  | 'shipBy'
  | 'country'
  | 'buyerTaxId'
  | 'ioss'
  | 'incoterm'
  | 'declaredValue'
  | 'currency';
export type ProductField =
  | 'sku'
  | 'name'
  | 'barcodes'
  | 'unitWeight'
  | 'length'
  | 'width'
  | 'height'
  | 'image'
  | 'caseBarcodes'
  | 'serialRequired'
  | 'kit'
  | 'kitOwnBarcode'
  | 'category'
  | 'hsCode'
  | 'customsNameEn'
  | 'customsNameZh'
  | 'originCountry'
  | 'dangerousGoods';

export const ORDER_PRESETS: Preset<OrderField>[] = [
  {
    name: 'generic',
    required: ['orderNo', 'sku', 'qty'],
    columns: {
      orderNo: ['order_no', 'order no', 'order'],
      shop: ['shop', 'store'],
      platform: ['platform'],
      sku: ['sku'],
      name: ['name', 'product name', 'item'],
      qty: ['qty', 'quantity'],
      receiver: ['receiver', 'receiver_name', 'recipient'],
      phone: ['phone', 'mobile'],
      province: ['province', 'state'],
      city: ['city'],
      district: ['district'],
      address: ['address'],
      note: ['note', 'remark'],
      waybillNo: ['waybill_no', 'waybill', 'tracking'],
      tote: ['tote'],
      pickList: ['pick_list', 'pick list'],
      status: ['status', 'hold'],
      orderValue: ['order_value', 'value', 'total'],
      cod: ['cod', 'cod_amount'],
      carrier: ['carrier', 'required_carrier'],
      orderedAt: ['ordered_at', 'order_time', 'order date'],
      shipBy: ['ship_by', 'ship by', 'deadline'],
      country: ['country', 'country_code', 'destination_country'],
      buyerTaxId: ['buyer_tax_id', 'tax_id', 'vat_id'],
      ioss: ['ioss'],
      incoterm: ['incoterm', 'incoterms'],
      declaredValue: ['declared_value', 'unit_value', 'customs_value'],
      currency: ['currency'],
    },
  },
  {
    name: 'cn-platform',
    required: ['orderNo', 'sku', 'qty'],
    columns: {
      orderNo: ['订单号', '订单编号'],
      shop: ['店铺', '店铺名称'],
      platform: ['平台'],
      sku: ['商品编码', '商家编码'],
      name: ['商品名称'],
      qty: ['数量', '购买数量'],
      receiver: ['收货人'],
      phone: ['手机', '联系电话'],
      province: ['省'],
      city: ['市'],
      district: ['区'],
      address: ['详细地址', '收货地址'],
      note: ['备注', '卖家备注'],
      waybillNo: ['运单号', '快递单号'],
      tote: ['周转箱'],
      pickList: ['拣货单', '拣货单号'],
      status: ['订单状态', '审核状态'],
      orderValue: ['订单金额', '实付金额'],
      cod: ['代收货款', '代收金额'],
      carrier: ['指定快递', '物流公司'],
      orderedAt: ['下单时间', '付款时间', '拍下时间'],
      shipBy: ['最晚发货时间', '承诺发货时间'],
      country: ['目的国', '收件国家', '国家'],
      buyerTaxId: ['收件人税号', '买家税号'],
      ioss: ['IOSS', 'IOSS号'],
      incoterm: ['贸易条款', '贸易术语'],
      declaredValue: ['申报价值', '申报单价'],
      currency: ['币种', '申报币种'],
    },
  },
];

export const PRODUCT_PRESETS: Preset<ProductField>[] = [
  {
    name: 'generic',
    required: ['sku', 'name'],
    columns: {
      sku: ['sku'],
      name: ['name'],
      barcodes: ['barcodes', 'barcode'],
      unitWeight: ['unit_weight_g', 'weight_g', 'weight'],
      length: ['length_mm'],
      width: ['width_mm'],
      height: ['height_mm'],
      image: ['image'],
      caseBarcodes: ['case_barcodes', 'pack_barcodes'],
      serialRequired: ['serial_required'],
      kit: ['kit_components', 'kit'],
      kitOwnBarcode: ['kit_accepts_own_barcode'],
      category: ['category'],
      hsCode: ['hs_code', 'hs code', 'tariff_code'],
      customsNameEn: ['customs_name_en', 'customs_description', 'declared_name_en'],
      customsNameZh: ['customs_name_zh', 'declared_name_zh'],
      originCountry: ['origin_country', 'country_of_origin', 'origin'],
      dangerousGoods: ['dangerous_goods', 'un_number'],
    },
  },
  {
    name: 'cn-platform',
    required: ['sku', 'name'],
    columns: {
      sku: ['商品编码', '商家编码'],
      name: ['商品名称'],
      barcodes: ['条码', '商品条码'],
      unitWeight: ['单件重量(g)', '单件重量（g）', '重量(g)'],
      length: ['长(mm)', '长（mm）'],
      width: ['宽(mm)', '宽（mm）'],
      height: ['高(mm)', '高（mm）'],
      image: ['图片'],
      caseBarcodes: ['箱码', '中包码'],
      serialRequired: ['序列号管理'],
      kit: ['组合明细'],
      kitOwnBarcode: ['组合可扫整套'],
      category: ['类目'],
      hsCode: ['HS编码', '海关编码'],
      customsNameEn: ['申报品名(英文)', '申报品名（英文）', '英文品名'],
      customsNameZh: ['申报品名(中文)', '申报品名（中文）', '中文品名', '申报品名'],
      originCountry: ['原产国', '原产地'],
      dangerousGoods: ['危险品', '危险品编号', 'UN编号'],
    },
  },
];

/** Picks the preset by the header row; names the missing columns when none fits. */
export function pickPreset<F extends string>(
  header: string[],
  presets: Preset<F>[],
): { preset: Preset<F>; index: Partial<Record<F, number>> } {
  const norm = header.map((h) => h.trim().toLowerCase());
  let best: { missing: string[]; name: string } | null = null;
  for (const preset of presets) {
    const index: Partial<Record<F, number>> = {};
    for (const [field, names] of Object.entries(preset.columns) as [F, string[]][]) {
      const i = norm.findIndex((h) => names.some((n) => n.toLowerCase() === h));
      if (i >= 0) index[field] = i;
    }
    const missing = preset.required.filter((f) => index[f] === undefined).map((f) => preset.columns[f][0]!);
    if (missing.length === 0) return { preset, index };
    if (!best || missing.length < best.missing.length) best = { missing, name: preset.name };
  }
  throw new Error(
    `missing columns: ${best!.missing.join(', ')} (no column preset matches the header: ${header.join(', ')})`,
  );
}
