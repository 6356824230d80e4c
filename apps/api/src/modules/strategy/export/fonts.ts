import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';

/**
 * Noto Sans for the PDF report: the built-in Helvetica only encodes Windows-1252, which turns a
 * name such as "Łódź" into other letters. Parsed once and shared by every document (pdfkit
 * subsets it per document): parsing it for each export took about ten times the rest of the work.
 */
export interface PdfFonts {
  regular: Font;
  bold: Font;
}

let fonts: PdfFonts | undefined;

function load(weight: '400Regular' | '700Bold'): Font {
  const path = createRequire(import.meta.url).resolve(
    `@expo-google-fonts/noto-sans/${weight}/NotoSans_${weight}.ttf`,
  );
  return create(readFileSync(path)) as Font;
}

/** Loaded on the first PDF export, so start-up and other requests never pay for it. */
export function pdfFonts(): PdfFonts {
  fonts ??= { regular: load('400Regular'), bold: load('700Bold') };
  return fonts;
}
