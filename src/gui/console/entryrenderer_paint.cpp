// EntryRenderer: painting (layout and measuring are in entryrenderer.cpp).
#include "style/palettecolors.h"
#include "entryrenderer.h"

#include "console/markdownstyle.h"

#include <QAbstractTextDocumentLayout>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTextCursor>

namespace chorus {

namespace {
using Kind = TranscriptItem::Kind;

QString oneLine(const QString &text)
{
    QString t = text.trimmed();
    const qsizetype nl = t.indexOf(QLatin1Char('\n'));
    return nl < 0 ? t : t.left(nl) + QStringLiteral(" …");
}

QString stateLabel(const QString &name)
{
    static const char *const names[][2] = {
        {"queued", QT_TRANSLATE_NOOP("chorus::EntryRenderer", "queued")},
        {"starting", QT_TRANSLATE_NOOP("chorus::EntryRenderer", "starting")},
        {"running", QT_TRANSLATE_NOOP("chorus::EntryRenderer", "running")},
        {"waiting", QT_TRANSLATE_NOOP("chorus::EntryRenderer", "waiting")},
        {"stalled", QT_TRANSLATE_NOOP("chorus::EntryRenderer", "stalled")},
        {"idle", QT_TRANSLATE_NOOP("chorus::EntryRenderer", "idle")},
        {"done", QT_TRANSLATE_NOOP("chorus::EntryRenderer", "done")},
        {"failed", QT_TRANSLATE_NOOP("chorus::EntryRenderer", "failed")},
        {"stopped", QT_TRANSLATE_NOOP("chorus::EntryRenderer", "stopped")},
        {"interrupted", QT_TRANSLATE_NOOP("chorus::EntryRenderer", "interrupted")},
    };
    for (const auto &n : names)
        if (name == QLatin1String(n[0]))
            return EntryRenderer::tr(n[1]);
    return name;
}
} // namespace

int EntryRenderer::drawLine(QPainter *p, const QRect &r, const QString &text, const QFont &font,
                            const QColor &color, const QString &highlight,
                            Qt::Alignment align) const
{
    if (r.width() <= 0)
        return 0;
    const QFontMetrics fm(font);
    const QString shown = fm.elidedText(QString(text).replace(QLatin1Char('\n'), QLatin1Char(' ')),
                                        Qt::ElideRight, r.width());
    const int width = fm.horizontalAdvance(shown);
    const int x0 = align & Qt::AlignHCenter ? r.x() + (r.width() - width) / 2
                   : align & Qt::AlignRight ? r.right() + 1 - width
                                            : r.x();
    p->setFont(font);
    const auto draw = [&](int x, const QString &part, const QColor &c) {
        p->setPen(c);
        p->drawText(QRect(x, r.y(), fm.horizontalAdvance(part) + 1, r.height()),
                    Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, part);
    };
    qsizetype done = 0;
    if (!highlight.isEmpty()) {
        // Matches on a marked background in the normal text colour, so they read on it.
        for (qsizetype at = shown.indexOf(highlight, 0, Qt::CaseInsensitive); at >= 0;
             at = shown.indexOf(highlight, at + highlight.size(), Qt::CaseInsensitive)) {
            const int x = x0 + fm.horizontalAdvance(shown.left(at));
            const QString match = shown.mid(at, highlight.size());
            if (at > done)
                draw(x0 + fm.horizontalAdvance(shown.left(done)), shown.mid(done, at - done),
                     color);
            p->fillRect(QRect(x, r.y(), fm.horizontalAdvance(match), r.height()), m_style.match);
            draw(x, match, m_style.text);
            done = at + highlight.size();
        }
    }
    if (done < shown.size())
        draw(x0 + fm.horizontalAdvance(shown.left(done)), shown.mid(done), color);
    return width;
}

void EntryRenderer::drawDisclosure(QPainter *p, const QRect &r, bool expanded) const
{
    const qreal t = qMax(3.0, m_style.lineHeight * 0.22);
    const QPointF c = QRectF(r).center();
    QPainterPath path;
    if (expanded) {
        path.moveTo(c.x() - t, c.y() - t / 2);
        path.lineTo(c.x() + t, c.y() - t / 2);
        path.lineTo(c.x(), c.y() + t * 0.75);
    } else {
        path.moveTo(c.x() - t / 2, c.y() - t);
        path.lineTo(c.x() - t / 2, c.y() + t);
        path.lineTo(c.x() + t * 0.75, c.y());
    }
    path.closeSubpath();
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->fillPath(path, m_style.dim);
    p->restore();
}

void EntryRenderer::paintBlocks(QPainter *p, const QRect &rect, const Layout &l,
                                const QString &highlight) const
{
    const ConsoleStyle &s = m_style;
    const QRect clip = p->hasClipping() ? p->clipBoundingRect().toAlignedRect() : rect;
    for (const Block &b : l.blocks) {
        if (!b.caption.isEmpty())
            drawLine(p, QRect(rect.x() + l.x, rect.y() + b.captionY, l.blockWidth, s.smallHeight),
                     b.caption, s.small, s.dim, {});
        const QRect docRect(rect.x() + l.x, rect.y() + b.y, l.blockWidth,
                            qCeil(b.doc->size().height()));
        if (b.fold.isFolded())
            paintFold(p, QRect(rect.x() + l.x, rect.y() + b.foldY, l.blockWidth, foldLineHeight()),
                      rect.topLeft(), b);
        if (!docRect.intersects(clip))
            continue;
        if (b.codeBox) {
            p->save();
            p->setRenderHint(QPainter::Antialiasing);
            p->setPen(Qt::NoPen);
            p->setBrush(s.codeBackground);
            p->drawRoundedRect(docRect, s.radius, s.radius);
            p->restore();
        }
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.palette = s.palette;
        ctx.palette.setColor(QPalette::Text, b.color);
        ctx.clip = QRectF(clip.intersected(docRect).translated(-docRect.topLeft()));
        if (!highlight.isEmpty()) {
            QTextCharFormat mark;
            mark.setBackground(s.match);
            mark.setForeground(s.text);
            QTextCursor c = b.doc->find(highlight);
            for (int n = 0; !c.isNull() && n < 1000; ++n) {
                ctx.selections.append({c, mark});
                c = b.doc->find(highlight, c);
            }
        }
        p->save();
        p->translate(docRect.topLeft());
        b.doc->documentLayout()->draw(p, ctx);
        if (b.quotes)
            paintQuoteBars(p, b.doc.get(), s);
        p->restore();
    }
}

void EntryRenderer::paintToolHeader(QPainter *p, const QRect &header, const TranscriptEntry &e,
                                    const Layout &l, const QString &highlight) const
{
    const ConsoleStyle &s = m_style;
    int x = header.x() + s.pad / 2;
    drawDisclosure(p, QRect(x, header.y(), s.lineHeight, header.height()), e.expanded);
    x += s.lineHeight;
    QString status;
    QColor statusColor = s.dim;
    if (e.kind == Kind::ToolUse && !e.hasResult) {
        status = tr("no result yet");
    } else if (e.resultIsError || (e.kind == Kind::ToolResult && e.isError)) {
        status = tr("failed");
        statusColor = s.error;
    } else if (e.kind == Kind::ToolUse) {
        status = QStringLiteral("✓");
        statusColor = s.success;
    }
    const int statusWidth = status.isEmpty() ? 0 : QFontMetrics(s.small).horizontalAdvance(status);
    const int right = header.right() - s.pad / 2;
    if (!status.isEmpty())
        drawLine(p, QRect(right - statusWidth, header.y(), statusWidth + 1, header.height()),
                 status, s.small, statusColor, {});
    const QString name = e.kind == Kind::ToolUse ? e.title : tr("Tool result");
    const int nameRight = right - statusWidth - s.pad;
    x += drawLine(p, QRect(x, header.y(), nameRight - x, header.height()), name, s.bold, s.text,
                  highlight);
    x += s.charWidth * 2;
    if (x < nameRight)
        drawLine(p, QRect(x, header.y(), nameRight - x, header.height()), l.summary, s.mono, s.dim,
                 highlight);
}

void EntryRenderer::paint(QPainter *p, const QRect &rect, const TranscriptEntry &e,
                          const PaintOptions &options)
{
    const ConsoleStyle &s = m_style;
    const QString &hl = options.highlight;
    const int left = rect.x() + s.margin;
    const int cw = rect.width() - 2 * s.margin;
    const QRect line(left, rect.y() + s.gap, cw, s.smallHeight);
    if (e.hiddenNote) {
        drawLine(p, line, QStringLiteral("⋯  ") + e.title + QStringLiteral("  ⋯"), s.small, s.dim,
                 {}, Qt::AlignHCenter);
        return;
    }
    const auto card = [&](const QColor &fill, const QColor &border, const QColor &barColor) {
        const QRect box(left, rect.y() + s.gap, cw, rect.height() - 2 * s.gap);
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(border.isValid() ? QPen(border, 1) : QPen(Qt::NoPen));
        p->setBrush(fill);
        p->drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), s.radius, s.radius);
        if (barColor.isValid()) {
            p->setPen(Qt::NoPen);
            p->setBrush(barColor);
            p->drawRoundedRect(QRect(box.x(), box.y(), s.bar, box.height()), s.bar / 2.0,
                               s.bar / 2.0);
        }
        p->restore();
        return box;
    };

    switch (e.kind) {
    case Kind::State: {
        QColor dot = s.dim;
        if (e.title == QLatin1String("failed") || e.title == QLatin1String("interrupted"))
            dot = s.error;
        else if (e.title == QLatin1String("waiting") || e.title == QLatin1String("stalled"))
            dot = s.warning;
        else if (e.title == QLatin1String("idle") || e.title == QLatin1String("done"))
            dot = s.success;
        else if (e.live || e.title == QLatin1String("running") ||
                 e.title == QLatin1String("starting"))
            dot = s.accent; // the live line: what the agent does now
        const int d = qMax(4, s.smallHeight / 3);
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(Qt::NoPen);
        p->setBrush(dot);
        p->drawEllipse(QRect(left + 1, line.center().y() - d / 2, d, d));
        p->restore();
        QString text = e.title.isEmpty() ? oneLine(e.body) : stateLabel(e.title);
        if (!e.title.isEmpty() && !e.body.isEmpty())
            text += QStringLiteral(" — ") + oneLine(e.body);
        drawLine(p, line.adjusted(d + s.charWidth, 0, 0, 0), text, s.small, s.dim, hl);
        return;
    }
    case Kind::System:
        drawLine(p, line,
                 QStringLiteral("· ") + e.title +
                     (e.body.isEmpty() ? QString() : QStringLiteral(" — ") + oneLine(e.body)),
                 s.small, s.dim, hl);
        return;
    case Kind::Approval: {
        const bool request = e.eventKind == QLatin1String("control_request");
        const QColor color = e.isError ? s.error : request ? s.warning : s.success;
        const QString glyph = e.isError ? QStringLiteral("✗ ")
                              : request ? QStringLiteral("⚠ ")
                                        : QStringLiteral("✓ ");
        const QString body = oneLine(e.body);
        drawLine(p, line,
                 glyph + e.title + (body.isEmpty() ? QString() : QStringLiteral(": ") + body),
                 s.small, color, hl);
        return;
    }
    case Kind::TurnEnd: {
        const qsizetype nl = e.body.lastIndexOf(QLatin1Char('\n'));
        const QString stats = nl < 0 ? e.body : e.body.mid(nl + 1);
        const QString glyph = e.stoppedByUser ? QStringLiteral("■ ")
                              : e.isError     ? QStringLiteral("✗ ")
                                              : QStringLiteral("✓ ");
        const QString text = glyph + e.title + QStringLiteral("  ·  ") + stats;
        int w = drawLine(p, line, text, s.small, e.isError ? s.error : s.dim, hl);
        if (!e.details.isEmpty() && w + s.pad + s.smallHeight < cw) {
            // The CLI's own diagnostics wait behind this toggle (the whole line toggles).
            const int x = left + w + s.pad;
            drawDisclosure(p, QRect(x, line.y(), s.smallHeight, line.height()), e.expanded);
            w += s.pad + s.smallHeight +
                 drawLine(p,
                          QRect(x + s.smallHeight, line.y(), left + cw - x - s.smallHeight,
                                line.height()),
                          tr("Details"), s.small, s.dim, {});
        }
        if (w + s.pad < cw) {
            p->setPen(QPen(s.faint, 1));
            p->drawLine(left + w + s.pad, line.center().y(), left + cw, line.center().y());
        }
        if (e.isError || (e.expanded && !e.details.isEmpty()))
            paintBlocks(p, rect, *layoutFor(e, rect.width()), hl);
        return;
    }
    case Kind::Text:
        paintBlocks(p, rect, *layoutFor(e, rect.width()), hl);
        return;
    case Kind::Input: {
        const QRect box = card(s.inputBackground, QColor(), s.accent);
        const Layout &l = *layoutFor(e, rect.width());
        const QRect caption(rect.x() + l.x, box.y() + s.pad, l.blockWidth, s.smallHeight);
        const QDateTime when = QDateTime::fromString(e.ts, Qt::ISODateWithMs);
        if (when.isValid())
            drawLine(p, caption,
                     QLocale().toString(when.toLocalTime().time(), QLocale::ShortFormat), s.small,
                     s.dim, {}, Qt::AlignRight);
        QFont you = s.small;
        you.setBold(true);
        drawLine(p, caption, tr("You"), you, s.accent, {});
        paintBlocks(p, rect, l, hl);
        return;
    }
    case Kind::Thinking: {
        const Layout &l = *layoutFor(e, rect.width());
        const QRect header(left, rect.y() + s.gap, cw, s.lineHeight);
        drawDisclosure(p, QRect(left, header.y(), s.lineHeight, header.height()), e.expanded);
        QFont label = s.italic;
        const int x = left + s.lineHeight;
        const int w =
            drawLine(p, header.adjusted(s.lineHeight, 0, 0, 0), tr("Thinking"), label, s.dim, {});
        if (!e.expanded)
            drawLine(p,
                     QRect(x + w + s.charWidth * 2, header.y(),
                           header.right() - x - w - s.charWidth * 2, header.height()),
                     l.summary, s.italic, s.dim, hl);
        paintBlocks(p, rect, l, hl);
        return;
    }
    case Kind::Error: {
        const QRect box = card(s.errorBackground, QColor(), s.error);
        const Layout &l = *layoutFor(e, rect.width());
        drawLine(p, QRect(rect.x() + l.x, box.y(), l.blockWidth, headerHeight(e)),
                 e.title.isEmpty() ? tr("Error") : e.title, s.bold, s.error, hl);
        paintBlocks(p, rect, l, hl);
        return;
    }
    case Kind::ToolUse:
    case Kind::ToolResult: {
        const bool failed = e.resultIsError || (e.kind == Kind::ToolResult && e.isError);
        const QRect box =
            card(s.cardBackground, failed ? mix(s.faint, s.error, 0.6) : s.faint,
                 QColor());
        const Layout &l = *layoutFor(e, rect.width());
        paintToolHeader(p, QRect(box.x(), box.y(), box.width(), headerHeight(e)), e, l, hl);
        paintBlocks(p, rect, l, hl);
        return;
    }
    }
}

} // namespace chorus
