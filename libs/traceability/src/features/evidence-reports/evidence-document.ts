import type PDFDocument from 'pdfkit';

/** One row of a table in an evidence report. */
export type Row = string[];

export interface Column {
  title: string;
  /** Share of the printable width. */
  width: number;
}

export interface DocumentControl {
  title: string;
  documentId: string;
  subject: string;
  generatedAt: string;
  generatedBy: string;
  asOf: string | null;
}

const MARGIN = 50;
const GREY = '#555555';

/**
 * A controlled record as ISO 9001 clause 7.5 asks of one: identified (title, number, subject),
 * dated, attributed, paginated "page n of m", with a review block the auditor signs. Built-in
 * PDF fonts only, so nothing is fetched at run time.
 */
export class EvidenceDocument {
  /** pdfkit and its fonts load with the first report, not at start: an idle server never needs them (issue 15). */
  static async create(control: DocumentControl): Promise<EvidenceDocument> {
    const { default: Pdf } = await import('pdfkit');
    return new EvidenceDocument(control, Pdf);
  }

  private readonly doc: InstanceType<typeof PDFDocument>;

  private readonly chunks: Buffer[] = [];

  private constructor(
    private readonly control: DocumentControl,
    Pdf: typeof PDFDocument,
  ) {
    this.doc = new Pdf({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
      bufferPages: true,
      info: { Title: '', Author: 'Hemotrace', Subject: '' },
    });
    this.doc.info.Title = `${control.title}: ${control.subject}`;
    this.doc.info.Subject = control.documentId;
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.header();
  }

  private get width(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  private header(): void {
    const { doc, control } = this;
    doc.font('Helvetica-Bold').fontSize(16).fillColor('black').text(control.title);
    doc.moveDown(0.3);
    this.keyValues([
      ['Document', control.documentId],
      ['Subject', control.subject],
      ['Generated', `${control.generatedAt} by ${control.generatedBy}`],
      [
        'Records as known',
        control.asOf ? `up to ${control.asOf} (as-of view)` : 'up to the time of generation',
      ],
    ]);
    doc.moveDown(0.5);
  }

  heading(text: string): this {
    this.ensureSpace(40);
    this.doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).fillColor('black').text(text, MARGIN);
    this.doc.moveDown(0.2);
    return this;
  }

  paragraph(text: string, color = 'black'): this {
    this.doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(color)
      .text(text, MARGIN, undefined, { width: this.width });
    return this;
  }

  keyValues(pairs: [string, string][]): this {
    const { doc } = this;
    for (const [key, value] of pairs) {
      this.ensureSpace(14);
      const y = doc.y;
      doc.font('Helvetica-Bold').fontSize(9).fillColor(GREY).text(key, MARGIN, y, { width: 120 });
      doc
        .font('Helvetica')
        .fillColor('black')
        .text(value, MARGIN + 125, y, { width: this.width - 125 });
      doc.x = MARGIN;
    }
    return this;
  }

  table(columns: Column[], rows: Row[]): this {
    const { doc } = this;
    const widths = columns.map((c) => c.width * this.width);
    const draw = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
      const height =
        Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: widths[i] - 4 }))) + 4;
      this.ensureSpace(height + (bold ? 0 : 2));
      const y = doc.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        doc.fillColor(bold ? GREY : 'black').text(cell || ' ', x + 2, y + 2, { width: widths[i] - 4 });
        x += widths[i];
      });
      doc
        .moveTo(MARGIN, y + height)
        .lineTo(MARGIN + this.width, y + height)
        .lineWidth(0.3)
        .strokeColor('#cccccc')
        .stroke();
      doc.x = MARGIN;
      doc.y = y + height;
    };
    draw(
      columns.map((c) => c.title),
      true,
    );
    if (rows.length === 0) draw(['(none)', ...columns.slice(1).map(() => '')], false);
    for (const row of rows) draw(row, false);
    doc.moveDown(0.3);
    return this;
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN - 20) this.doc.addPage();
  }

  /** The review block and the footers; resolves to the PDF bytes. */
  async finish(): Promise<Buffer> {
    const { doc, control } = this;
    this.heading('Review');
    this.paragraph(
      'This report is generated from the hash-chained event log. The signed trace export (JSON) lets the reviewer verify every event offline with `hemotrace verify-export`.',
    );
    this.doc.moveDown(1);
    this.keyValues([
      ['Reviewed by', '______________________________'],
      ['Date', '______________________________'],
      ['Signature', '______________________________'],
    ]);
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      doc
        .font('Helvetica')
        .fontSize(7.5)
        .fillColor(GREY)
        .text(
          `${control.documentId}  |  ${control.title}  |  Page ${i + 1} of ${range.count}`,
          MARGIN,
          doc.page.height - MARGIN,
          { width: this.width, align: 'center', lineBreak: false },
        );
    }
    const done = new Promise<Buffer>((resolveDone) =>
      doc.on('end', () => resolveDone(Buffer.concat(this.chunks))),
    );
    doc.end();
    return done;
  }
}
