// fontkit 2 ships no types; the few calls made here are typed where they are made (pdfFont.ts).
declare module 'fontkit';
