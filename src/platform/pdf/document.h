// A small structured document (headings, paragraphs, label/value fields, tables, notices, drawn
// signatures) that care modules build and the PDF renderer prints. PlainText gives the same content as
// deterministic text: what a signer is shown, what is hashed, and what golden-file tests compare.
// Pure: standard library only.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace stepwise::pdf {

struct Point {
  double x = 0;
  double y = 0;
  bool operator==(const Point&) const = default;
};

// A drawn signature: strokes of points inside a width × height box (the drawing surface's own units).
struct SignatureImage {
  double width = 0;
  double height = 0;
  std::vector<std::vector<Point>> strokes;
  bool empty() const { return strokes.empty(); }
  bool operator==(const SignatureImage&) const = default;
};

struct Block {
  enum class Kind { kHeading, kParagraph, kSmall, kNotice, kFields, kTable, kSignature, kPageBreak };
  Kind kind = Kind::kParagraph;
  std::string text;                                         // heading, paragraph, small print, notice
  std::vector<std::pair<std::string, std::string>> fields;  // kFields: label, value
  std::vector<std::string> columns;                         // kTable: header
  std::vector<std::vector<std::string>> rows;               // kTable: rows (each as long as columns)
  SignatureImage signature;                                 // kSignature: drawn strokes (empty when typed)
  std::string caption;                                      // kSignature: "Signed by … on …"
};

struct Document {
  std::string title;
  std::string subtitle;
  std::string footer;  // printed on every page with "Page n of m" (e.g. the content hash)
  std::vector<Block> blocks;
};

Block Heading(std::string text);
Block Paragraph(std::string text);
Block Small(std::string text);
Block Notice(std::string text);  // boxed, for legal notices such as the 42 CFR 2.32 statement
Block Fields(std::vector<std::pair<std::string, std::string>> fields);
Block Table(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows);
Block SignatureBlock(SignatureImage image, std::string caption);
Block PageBreak();

// The document as text: title, subtitle, then each block ("# " before headings, "label: value" lines for
// fields, " | "-separated table rows, "[signature] caption" for signatures, the notice framed by lines of
// "-"), blocks separated by one blank line, "\n" line ends, ending with one newline. The footer is not
// part of it (it usually carries this text's hash).
std::string PlainText(const Document& doc);

}  // namespace stepwise::pdf
