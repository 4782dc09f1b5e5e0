// The table flow of PdfDocument (pdf_document.h TableSpec): rows laid out by their
// columns' CellFit, split between text lines across pages with the header repeated.
#include <algorithm>
#include <cmath>
#include <utility>

#include "io/pdf_document_impl.h"

namespace peixun::io {
namespace {

// Byte ranges [begin, end) of the items of a kKeepItems list (the text between separators).
std::vector<std::pair<size_t, size_t>> ListItems(std::string_view text) {
  const std::string_view separator = kListSeparator;
  std::vector<std::pair<size_t, size_t>> items;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find(separator, begin);
    if (end == std::string_view::npos) end = text.size();
    if (end > begin) items.emplace_back(begin, end);
    begin = end + separator.size();
  }
  return items;
}

// Forbids line breaks inside each item of `items`.
void KeepItemsTogether(PangoLayout* layout, const std::vector<std::pair<size_t, size_t>>& items) {
  PangoAttrList* attrs = pango_attr_list_new();
  for (const auto& [begin, end] : items) {
    PangoAttribute* attr = pango_attr_allow_breaks_new(FALSE);
    attr->start_index = static_cast<guint>(begin);
    attr->end_index = static_cast<guint>(end);
    pango_attr_list_insert(attrs, attr);
  }
  pango_layout_set_attributes(layout, attrs);
  pango_attr_list_unref(attrs);
}

double LogicalWidth(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

}  // namespace

LayoutPtr PdfDocument::Impl::CellLayout(std::string_view text, const TextStyle& style, CellFit fit,
                                        double width) {
  switch (fit) {
    case CellFit::kWrap:
    case CellFit::kWidest:  // wide enough by construction; wraps only if '\n' says so
      break;
    case CellFit::kOneLine:
      for (double size = style.size_pt; size >= kMinShrinkPt; size -= kShrinkStepPt) {
        LayoutPtr layout = MakeLayout(text, style, width, size);
        if (pango_layout_get_line_count(layout.get()) <= 1) return layout;
      }
      break;  // too long even at the smallest size: wrap at the table's size
    case CellFit::kKeepItems: {
      std::vector<std::pair<size_t, size_t>> items = ListItems(text);
      LayoutPtr layout = MakeLayout(text, style, width);
      if (items.empty() || !CheckText(text)) return layout;
      KeepItemsTogether(layout.get(), items);
      // An item wider than a whole line overflows it: let that item wrap inside itself.
      std::vector<std::pair<size_t, size_t>> too_long;
      for (GSList* l = pango_layout_get_lines_readonly(layout.get()); l != nullptr; l = l->next) {
        auto* line = static_cast<PangoLayoutLine*>(l->data);
        PangoRectangle logical;
        pango_layout_line_get_extents(line, nullptr, &logical);
        if (static_cast<double>(logical.width) / PANGO_SCALE <= width + 0.01) continue;
        too_long.emplace_back(line->start_index, line->start_index + line->length);
      }
      if (too_long.empty()) return layout;
      std::erase_if(items, [&](const std::pair<size_t, size_t>& item) {
        return std::any_of(too_long.begin(), too_long.end(), [&](const auto& range) {
          return item.first < range.second && range.first < item.second;
        });
      });
      layout = MakeLayout(text, style, width);
      KeepItemsTogether(layout.get(), items);
      return layout;
    }
  }
  return MakeLayout(text, style, width);
}

void PdfDocument::Impl::Table(const TableSpec& spec, const std::function<void(int)>& row_done) {
  const size_t ncols = spec.columns.size();
  if (ncols == 0) return;
  const size_t nrows = spec.rows.size();
  static const std::string kEmpty;
  auto text_of = [&](size_t r, size_t c) -> const std::string& {
    return c < spec.rows[r].size() ? spec.rows[r][c] : kEmpty;
  };
  auto fit_of = [&](size_t c) { return spec.columns[c].fit; };
  auto merged = [&](size_t c) { return spec.columns[c].merge_repeated; };

  const double pad_x = Pt(kCellPadXMm);
  const double pad_y = Pt(kCellPadYMm);
  const double line = Pt(kTableLineMm);

  TextStyle header_style;
  header_style.size_pt = spec.font_size_pt;
  header_style.bold = true;
  header_style.align = Align::kCenter;
  TextStyle cell_style;
  cell_style.size_pt = spec.font_size_pt;

  // Column widths in points. kWidest columns are measured first and keep their width when
  // the others have to shrink.
  std::vector<double> widths(ncols, 0);
  double fixed = 0;
  double widest = 0;  // of kWidest columns
  int flexible = 0;
  for (size_t c = 0; c < ncols; ++c) {
    double w = spec.columns[c].width_mm > 0 ? Pt(spec.columns[c].width_mm) : 0;
    if (fit_of(c) == CellFit::kWidest) {
      double text_w = LogicalWidth(MakeLayout(spec.columns[c].header, header_style, 0).get());
      for (size_t r = 0; r < nrows; ++r) {
        text_w = std::max(text_w, LogicalWidth(MakeLayout(text_of(r, c), cell_style, 0).get()));
      }
      // A little slack: the width is measured unhinted, like the text is set.
      w = std::max(w, text_w + 2 * pad_x + Pt(0.5));
      widest += w;
    }
    widths[c] = w;
    if (w > 0) {
      fixed += w;
    } else {
      ++flexible;
    }
  }
  const double full = content_width();
  const double share = flexible > 0 ? std::max(full - fixed, Pt(10) * flexible) / flexible : 0;
  double total = 0;
  for (double& w : widths) {
    if (w <= 0) w = share;
    total += w;
  }
  if (total > full) {
    const bool keep_widest = widest < full * 0.8;
    const double scale = keep_widest ? (full - widest) / (total - widest) : full / total;
    for (size_t c = 0; c < ncols; ++c) {
      if (!(keep_widest && fit_of(c) == CellFit::kWidest)) widths[c] *= scale;
    }
    total = full;
  }
  std::vector<double> lefts(ncols);
  lefts[0] = content_left() + (full - total) / 2;
  for (size_t c = 1; c < ncols; ++c) lefts[c] = lefts[c - 1] + widths[c - 1];
  auto text_width = [&](size_t c) { return std::max(widths[c] - 2 * pad_x, 1.0); };

  // The header row.
  std::vector<LayoutPtr> header_cells;
  double header_h = 0;
  for (size_t c = 0; c < ncols; ++c) {
    header_cells.push_back(MakeLayout(spec.columns[c].header, header_style, text_width(c)));
    header_h = std::max(header_h, Height(header_cells.back().get()) + 2 * pad_y);
  }

  // Every cell laid out, and the natural height of every row (merged cells aside).
  std::vector<std::vector<LayoutPtr>> cells(nrows);
  std::vector<double> heights(nrows, Pt(spec.min_row_height_mm));
  for (size_t r = 0; r < nrows; ++r) {
    for (size_t c = 0; c < ncols; ++c) {
      TextStyle style = cell_style;
      style.align = spec.columns[c].align;
      if (merged(c) && r > 0 && text_of(r, c) == text_of(r - 1, c)) {
        cells[r].push_back(cells[r - 1][c]);  // the same text: one layout per group
        continue;
      }
      cells[r].push_back(CellLayout(text_of(r, c), style, fit_of(c), text_width(c)));
      if (!merged(c)) heights[r] = std::max(heights[r], Height(cells[r][c].get()) + 2 * pad_y);
    }
  }
  auto group_starts = [&](size_t c, size_t r) {
    return r == 0 || r >= nrows || text_of(r, c) != text_of(r - 1, c);
  };
  auto merge_need = [&](size_t r, size_t c) { return Height(cells[r][c].get()) + 2 * pad_y; };

  // Drawing. Rows are laid out page by page as slices (a whole row, or the part of a
  // split row on one page) and drawn when the page is complete, so that a merged cell
  // that turns out short can still make its last row taller.
  struct Slice {
    size_t row = 0;
    double top = 0;
    double h = 0;
    // Split rows only: the lines [first, last) of each cell on this page.
    std::vector<std::pair<size_t, size_t>> lines;
  };
  struct MergedPiece {
    size_t row = 0;  // whose layout shows the text
    size_t col = 0;
    double top = 0;
    double h = 0;
  };
  struct OpenMerge {
    bool open = false;
    size_t row = 0;
    double top = 0;
  };
  std::vector<Slice> slices;
  std::vector<MergedPiece> pieces;
  std::vector<OpenMerge> merges(ncols);
  std::vector<LineBoxes> row_lines(ncols);  // of the row being split

  auto draw_rect = [this, line](double x, double y, double w, double h,
                                std::optional<uint32_t> fill) {
    Add([x, y, w, h, line, fill](cairo_t* cr) {
      cairo_save(cr);
      cairo_rectangle(cr, x, y, w, h);
      if (fill) {
        SetColor(cr, *fill);
        cairo_fill_preserve(cr);
      }
      SetColor(cr, 0x000000);
      cairo_set_line_width(cr, line);
      cairo_stroke(cr);
      cairo_restore(cr);
    });
  };
  // Whole text, centered vertically in a box `h` tall at `top` (text taller than the box
  // starts at its top and overflows it rather than being cut).
  auto draw_cell_text = [this, pad_y](LayoutPtr layout, double x, double top, double h) {
    const double text_h = Height(layout.get());
    const double y = top + pad_y + std::max((h - 2 * pad_y - text_h) / 2, 0.0);
    Add([layout, x, y](cairo_t* cr) { ShowLayout(cr, layout.get(), x, y, 0x000000); });
  };
  auto draw_header = [&] {
    for (size_t c = 0; c < ncols; ++c) {
      draw_rect(lefts[c], cursor, widths[c], header_h, kHeaderFill);
      draw_cell_text(header_cells[c], lefts[c] + pad_x, cursor, header_h);
    }
    cursor += header_h;
  };
  auto flush = [&] {
    for (const Slice& s : slices) {
      for (size_t c = 0; c < ncols; ++c) {
        if (merged(c)) continue;
        draw_rect(lefts[c], s.top, widths[c], s.h, std::nullopt);
        if (s.lines.empty()) {
          draw_cell_text(cells[s.row][c], lefts[c] + pad_x, s.top, s.h);
          continue;
        }
        const auto [first, last] = s.lines[c];
        if (first >= last) continue;
        LayoutPtr layout = cells[s.row][c];
        LineBoxes lines = row_lines[c];
        const double x = lefts[c] + pad_x;
        const double y = s.top + pad_y;
        Add([layout, lines, first = first, last = last, x, y](cairo_t* cr) {
          ShowLines(cr, layout.get(), *lines, first, last, x, y, 0x000000);
        });
      }
    }
    for (const MergedPiece& p : pieces) {
      draw_rect(lefts[p.col], p.top, widths[p.col], p.h, std::nullopt);
      draw_cell_text(cells[p.row][p.col], lefts[p.col] + pad_x, p.top, p.h);
    }
    slices.clear();
    pieces.clear();
  };
  // Ends the merged cell of column c on this page; one shorter than its text makes the
  // last row taller (there is room: see `fits` below).
  auto close_merge = [&](size_t c) {
    OpenMerge& m = merges[c];
    if (!m.open) return;
    const double deficit = merge_need(m.row, c) - (cursor - m.top);
    const double grow = std::min(deficit, content_bottom() - cursor);
    if (grow > 0 && !slices.empty()) {
      slices.back().h += grow;
      cursor += grow;
    }
    pieces.push_back({m.row, c, m.top, cursor - m.top});
    m.open = false;
  };
  bool fresh_page = at_page_top();  // no row on this page yet
  auto page_break = [&] {
    for (size_t c = 0; c < ncols; ++c) close_merge(c);
    flush();
    StartPage();
    if (spec.repeat_header) draw_header();
    fresh_page = true;
  };
  auto place = [&](Slice slice) {
    for (size_t c = 0; c < ncols; ++c) {
      if (merged(c) && !merges[c].open) merges[c] = {true, slice.row, slice.top};
    }
    cursor += slice.h;
    slices.push_back(std::move(slice));
    fresh_page = false;
  };

  // The space a continuation page offers a row, below the repeated header.
  const double page_space = content_bottom() - content_top() - (spec.repeat_header ? header_h : 0);
  // Space row r needs on this page besides its own height: a merged cell that starts
  // with it needs its text's height before the page ends.
  auto merges_need = [&](size_t r) {
    double need = 0;
    for (size_t c = 0; c < ncols; ++c) {
      if (merged(c) && (group_starts(c, r) || !merges[c].open)) {
        need = std::max(need, merge_need(r, c));
      }
    }
    return need;
  };
  // Whether every cell of row r can show at least its first line in `space` points.
  auto can_split = [&](size_t r, double space) {
    for (size_t c = 0; c < ncols; ++c) {
      if (merged(c)) continue;
      if (Height(cells[r][c].get()) == 0) continue;
      const LineBoxes lines = LinesOf(cells[r][c].get());
      if (lines->front().bottom - lines->front().top > space - 2 * pad_y) return false;
    }
    return true;
  };
  enum class Fit { kWhole, kSplit, kNextPage };
  auto fits = [&](size_t r, double space) {
    if (fresh_page) return heights[r] <= space ? Fit::kWhole : Fit::kSplit;
    const double need = merges_need(r);
    if (need > space) return Fit::kNextPage;
    if (heights[r] <= space) return Fit::kWhole;
    // Taller than the rest of the page: move it whole when it fits on the next page and
    // little room is lost, else split it here.
    if (heights[r] <= page_space && space < page_space / 2) return Fit::kNextPage;
    return can_split(r, space) ? Fit::kSplit : Fit::kNextPage;
  };
  auto split = [&](size_t r) {
    for (size_t c = 0; c < ncols; ++c) {
      row_lines[c] = merged(c) ? nullptr : LinesOf(cells[r][c].get());
    }
    std::vector<size_t> next(ncols, 0);  // the first line of each cell not shown yet
    bool continuation = false;           // a slice of the row is on an earlier page
    while (true) {
      const double space = content_bottom() - cursor - 2 * pad_y;
      Slice slice{r, cursor, 0, std::vector<std::pair<size_t, size_t>>(ncols, {0, 0})};
      bool done = true;
      bool progress = false;
      double used = 0;
      for (size_t c = 0; c < ncols; ++c) {
        if (merged(c)) continue;
        const std::vector<LineBox>& lines = *row_lines[c];
        // A complete cell shown again on a continuation page, as far as it fits there.
        const bool again =
            continuation && next[c] == lines.size() && spec.columns[c].repeat_when_split;
        const size_t first = again ? 0 : next[c];
        size_t last = first;
        if (first < lines.size()) {
          const double top = lines[first].top;
          while (last < lines.size() && lines[last].bottom - top <= space) ++last;
          if (last == first && fresh_page && !again) ++last;  // taller than a page: overflow
          if (last > first) used = std::max(used, lines[last - 1].bottom - top);
        }
        if (!again) {
          progress = progress || last > first;
          done = done && last == lines.size();
        }
        slice.lines[c] = {first, last};
      }
      if (!progress && !done) {
        page_break();
        continue;
      }
      for (size_t c = 0; c < ncols; ++c) {
        if (!merged(c)) next[c] = std::max(next[c], slice.lines[c].second);
      }
      // The last slice as tall as its text (and the minimum row height, as far as the
      // page allows); the others fill their page.
      slice.h = done ? std::max(used + 2 * pad_y,
                                std::min(Pt(spec.min_row_height_mm), content_bottom() - cursor))
                     : std::max(content_bottom() - cursor, used + 2 * pad_y);
      place(std::move(slice));
      if (done) return;
      continuation = true;
      page_break();
    }
  };

  // The header stays with (the start of) the first row.
  if (nrows == 0) {
    EnsureSpace(header_h);
  } else if (!at_page_top() && fits(0, content_bottom() - cursor - header_h) == Fit::kNextPage) {
    StartPage();
    fresh_page = true;
  }
  draw_header();
  for (size_t r = 0; r < nrows; ++r) {
    for (size_t c = 0; c < ncols; ++c) {
      if (merged(c) && group_starts(c, r)) close_merge(c);
    }
    Fit fit = fits(r, content_bottom() - cursor);
    if (fit == Fit::kNextPage) {
      page_break();
      fit = fits(r, content_bottom() - cursor);
    }
    if (fit == Fit::kWhole) {
      place({r, cursor, heights[r], {}});
    } else {
      split(r);
    }
    if (row_done) row_done(static_cast<int>(r));
  }
  for (size_t c = 0; c < ncols; ++c) close_merge(c);
  flush();
  cursor = std::min(cursor + Pt(2), content_bottom());
}

}  // namespace peixun::io
