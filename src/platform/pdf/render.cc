#include "platform/pdf/render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>

namespace stepwise::pdf {
namespace {

constexpr double kPageWidth = 612;  // US Letter in points
constexpr double kPageHeight = 792;
constexpr double kMargin = 54;
constexpr double kFooterSpace = 28;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kBottom = kPageHeight - kMargin - kFooterSpace;
constexpr double kGap = 8;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

// Lays the document out once; with `draw` false nothing is painted and only pages are counted.
class Pass {
 public:
  Pass(cairo_t* cr, bool draw, int total_pages, std::string footer)
      : cr_(cr), draw_(draw), total_(total_pages), footer_(std::move(footer)) {}

  int Run(const Document& doc) {
    StartPage();
    if (!doc.title.empty()) Text(doc.title, 16, true, kContentWidth, kMargin, 0.0);
    if (!doc.subtitle.empty()) Text(doc.subtitle, 10, false, kContentWidth, kMargin, 0.35);
    y_ += kGap;
    for (const Block& b : doc.blocks) BlockOut(b);
    FinishPage();
    return page_;
  }

 private:
  LayoutPtr Make(const std::string& text, double size, bool bold, double width) {
    LayoutPtr layout(pango_cairo_create_layout(cr_));
    PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
    pango_font_description_set_size(font, static_cast<int>(size * PANGO_SCALE));
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
  }

  static double Height(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  // Line by line, so a long paragraph continues on the next page.
  void Text(const std::string& text, double size, bool bold, double width, double x, double gray) {
    LayoutPtr layout = Make(text, size, bold, width);
    PangoLayoutIter* iter = pango_layout_get_iter(layout.get());
    double consumed = 0;  // layout y already placed on earlier pages
    double top = y_;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      const double line_top = static_cast<double>(logical.y) / PANGO_SCALE - consumed;
      const double line_h = static_cast<double>(logical.height) / PANGO_SCALE;
      if (top + line_top + line_h > kBottom && top + line_top > kMargin + 0.5) {
        NewPage();
        consumed += line_top;
        top = y_;
      }
      if (draw_) {
        const double baseline = static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE - consumed;
        cairo_set_source_rgb(cr_, gray, gray, gray);
        cairo_move_to(cr_, x, top + baseline);
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
      }
      y_ = top + line_top + line_h;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    y_ += 4;
  }

  void NeedSpace(double h) {
    if (y_ + h > kBottom && y_ > kMargin + 0.5) NewPage();
  }

  void BlockOut(const Block& b) {
    switch (b.kind) {
      case Block::Kind::kHeading:
        NeedSpace(40);
        y_ += 4;
        Text(b.text, 12, true, kContentWidth, kMargin, 0);
        break;
      case Block::Kind::kParagraph: Text(b.text, 10, false, kContentWidth, kMargin, 0); break;
      case Block::Kind::kSmall: Text(b.text, 8, false, kContentWidth, kMargin, 0.3); break;
      case Block::Kind::kNotice: NoticeOut(b.text); break;
      case Block::Kind::kFields:
        for (const auto& [label, value] : b.fields) Row({label, value}, {160, kContentWidth - 160}, true, false);
        break;
      case Block::Kind::kTable: TableOut(b); break;
      case Block::Kind::kSignature: SignatureOut(b); break;
      case Block::Kind::kPageBreak: NewPage(); break;
    }
    y_ += kGap;
  }

  void NoticeOut(const std::string& text) {
    LayoutPtr layout = Make(text, 9, false, kContentWidth - 16);
    const double h = Height(layout.get());
    if (h + 16 > kBottom - kMargin) {  // too tall for a box on one page: print it plainly
      Text(text, 9, false, kContentWidth, kMargin, 0);
      return;
    }
    NeedSpace(h + 16);
    if (draw_) {
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_set_line_width(cr_, 0.8);
      cairo_rectangle(cr_, kMargin, y_, kContentWidth, h + 16);
      cairo_stroke(cr_);
      cairo_move_to(cr_, kMargin + 8, y_ + 8);
      pango_cairo_show_layout(cr_, layout.get());
    }
    y_ += h + 16;
  }

  void Row(const std::vector<std::string>& cells, const std::vector<double>& widths, bool first_bold, bool all_bold) {
    std::vector<LayoutPtr> layouts;
    double h = 0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      layouts.push_back(Make(cells[i], 9, all_bold || (first_bold && i == 0), widths[i] - 6));
      h = std::max(h, Height(layouts.back().get()));
    }
    NeedSpace(h + 4);
    if (draw_) {
      double x = kMargin;
      cairo_set_source_rgb(cr_, 0, 0, 0);
      for (std::size_t i = 0; i < layouts.size(); ++i) {
        cairo_move_to(cr_, x, y_);
        pango_cairo_show_layout(cr_, layouts[i].get());
        x += widths[i];
      }
    }
    y_ += h + 4;
  }

  void TableOut(const Block& b) {
    if (b.columns.empty()) return;
    const std::vector<double> widths(b.columns.size(), kContentWidth / static_cast<double>(b.columns.size()));
    Row(b.columns, widths, false, true);
    if (draw_) {
      cairo_set_line_width(cr_, 0.5);
      cairo_move_to(cr_, kMargin, y_ - 2);
      cairo_line_to(cr_, kMargin + kContentWidth, y_ - 2);
      cairo_stroke(cr_);
    }
    for (const auto& row : b.rows) {
      std::vector<std::string> cells = row;
      cells.resize(b.columns.size());
      Row(cells, widths, false, false);
    }
  }

  void SignatureOut(const Block& b) {
    constexpr double kBoxW = 240, kBoxH = 70;
    const bool drawn = !b.signature.empty() && b.signature.width > 0 && b.signature.height > 0;
    NeedSpace((drawn ? kBoxH : 0) + 24);
    if (drawn && draw_) {
      const double scale = std::min(kBoxW / b.signature.width, kBoxH / b.signature.height);
      cairo_set_source_rgb(cr_, 0.05, 0.1, 0.35);
      cairo_set_line_width(cr_, 1.2);
      cairo_set_line_cap(cr_, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
      for (const auto& stroke : b.signature.strokes) {
        for (std::size_t i = 0; i < stroke.size(); ++i) {
          const double px = kMargin + stroke[i].x * scale, py = y_ + stroke[i].y * scale;
          if (i == 0) {
            cairo_move_to(cr_, px, py);
            if (stroke.size() == 1) cairo_line_to(cr_, px + 0.5, py);
          } else {
            cairo_line_to(cr_, px, py);
          }
        }
        cairo_stroke(cr_);
      }
    }
    if (drawn) y_ += kBoxH;
    if (draw_) {
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_set_line_width(cr_, 0.5);
      cairo_move_to(cr_, kMargin, y_ + 2);
      cairo_line_to(cr_, kMargin + kBoxW, y_ + 2);
      cairo_stroke(cr_);
    }
    y_ += 4;
    Text(b.caption, 9, false, kContentWidth, kMargin, 0.2);
  }

  void StartPage() {
    ++page_;
    y_ = kMargin;
  }
  void FinishPage() {
    if (!draw_) return;
    std::string text = footer_.empty() ? "" : footer_ + "    ";
    text += "Page " + std::to_string(page_) + " of " + std::to_string(total_);
    LayoutPtr layout = Make(text, 7.5, false, kContentWidth);
    cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
    cairo_move_to(cr_, kMargin, kPageHeight - kMargin - 10);
    pango_cairo_show_layout(cr_, layout.get());
    cairo_show_page(cr_);
  }
  void NewPage() {
    FinishPage();
    StartPage();
  }

  cairo_t* cr_;
  bool draw_;
  int total_;
  int page_ = 0;
  std::string footer_;
  double y_ = kMargin;
};

}  // namespace

Result<std::string> Render(const Document& doc) {
  std::string out;
  // Pass 1 counts pages on a surface whose bytes are thrown away; pass 2 draws with "Page n of m".
  int pages = 0;
  {
    std::string scratch;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &scratch, kPageWidth, kPageHeight);
    cairo_t* cr = cairo_create(surface);
    Pass count(cr, false, 0, doc.footer);
    pages = count.Run(doc);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
  }
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &out, kPageWidth, kPageHeight);
  if (!doc.title.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Stepwise");
  cairo_t* cr = cairo_create(surface);
  Pass draw(cr, true, pages, doc.footer);
  draw.Run(doc);
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t surface_status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS || surface_status != CAIRO_STATUS_SUCCESS) {
    return Error::Internal(std::string("PDF rendering failed: ") +
                           cairo_status_to_string(status != CAIRO_STATUS_SUCCESS ? status : surface_status));
  }
  return out;
}

}  // namespace stepwise::pdf
