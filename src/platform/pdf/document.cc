#include "platform/pdf/document.h"

namespace stepwise::pdf {
namespace {

Block Text(Block::Kind kind, std::string text) {
  Block b;
  b.kind = kind;
  b.text = std::move(text);
  return b;
}

}  // namespace

Block Heading(std::string text) { return Text(Block::Kind::kHeading, std::move(text)); }
Block Paragraph(std::string text) { return Text(Block::Kind::kParagraph, std::move(text)); }
Block Small(std::string text) { return Text(Block::Kind::kSmall, std::move(text)); }
Block Notice(std::string text) { return Text(Block::Kind::kNotice, std::move(text)); }
Block PageBreak() { return Text(Block::Kind::kPageBreak, ""); }

Block Fields(std::vector<std::pair<std::string, std::string>> fields) {
  Block b;
  b.kind = Block::Kind::kFields;
  b.fields = std::move(fields);
  return b;
}

Block Table(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.columns = std::move(columns);
  b.rows = std::move(rows);
  return b;
}

Block SignatureBlock(SignatureImage image, std::string caption) {
  Block b;
  b.kind = Block::Kind::kSignature;
  b.signature = std::move(image);
  b.caption = std::move(caption);
  return b;
}

std::string PlainText(const Document& doc) {
  std::string out;
  auto join_row = [](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? " | " : "") + cells[i];
    return line;
  };
  auto section = [&out](const std::string& text) {
    if (!out.empty()) out += "\n";
    out += text;
    if (out.empty() || out.back() != '\n') out += "\n";
  };
  if (!doc.title.empty()) section(doc.title);
  if (!doc.subtitle.empty()) section(doc.subtitle);
  for (const Block& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::kHeading: section("# " + b.text); break;
      case Block::Kind::kParagraph:
      case Block::Kind::kSmall: section(b.text); break;
      case Block::Kind::kNotice: section("----\n" + b.text + "\n----"); break;
      case Block::Kind::kFields: {
        std::string text;
        for (const auto& [label, value] : b.fields) text += label + ": " + value + "\n";
        section(text);
        break;
      }
      case Block::Kind::kTable: {
        std::string text = join_row(b.columns) + "\n";
        for (const auto& row : b.rows) text += join_row(row) + "\n";
        section(text);
        break;
      }
      case Block::Kind::kSignature: section("[signature] " + b.caption); break;
      case Block::Kind::kPageBreak: break;
    }
  }
  return out;
}

}  // namespace stepwise::pdf
