// Makes resources/fonts/*.ttf: Noto Sans SC (SIL OFL 1.1, from @expo-google-fonts/noto-sans-sc) cut down to what a
// face sheet needs: ASCII, full-width forms, CJK punctuation and every character of GBK (the set Chinese order
// systems export). Run once after changing the set: node build/fonts/subset.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import subsetFont from 'subset-font';

const chars = new Set();
for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
for (let c = 0x3000; c < 0x3040; c++) chars.add(String.fromCharCode(c));
for (let c = 0xff00; c < 0xfff0; c++) chars.add(String.fromCharCode(c));
'×±·—–…‘’“”¥￥℃№※→←↑↓●○■□★☆'.split('').forEach((c) => chars.add(c));
// GBK: lead 0x81–0xFE, trail 0x40–0xFE except 0x7F.
const gbk = new TextDecoder('gbk');
for (let lead = 0x81; lead <= 0xfe; lead++) {
  for (let trail = 0x40; trail <= 0xfe; trail++) {
    if (trail === 0x7f) continue;
    const ch = gbk.decode(Uint8Array.of(lead, trail));
    if (ch.length === 1 && ch !== '\ufffd') chars.add(ch);
  }
}
// Bold is only for the big marks (大头笔, sorting code, order no.): GB2312 is enough there.
const common = new Set(
  [...chars].filter(
    (c) => c.charCodeAt(0) < 0x2000 || c.charCodeAt(0) >= 0xff00 || (c >= '\u3000' && c < '\u3040'),
  ),
);
for (let lead = 0xa1; lead <= 0xf7; lead++) {
  for (let trail = 0xa1; trail <= 0xfe; trail++) {
    const ch = gbk.decode(Uint8Array.of(lead, trail));
    if (ch.length === 1 && ch !== '\ufffd') common.add(ch);
  }
}
for (const [weight, file, set] of [
  ['400Regular', 'NotoSansSC-Regular', chars],
  ['700Bold', 'NotoSansSC-Bold', common],
]) {
  const text = [...set].join('');
  const src = readFileSync(`node_modules/@expo-google-fonts/noto-sans-sc/${weight}/NotoSansSC_${weight}.ttf`);
  const out = await subsetFont(src, text, { targetFormat: 'truetype' });
  writeFileSync(`resources/fonts/${file}.ttf`, out);
  console.log(`${file}.ttf: ${set.size} characters, ${(out.length / 1e6).toFixed(1)} MB`);
}
