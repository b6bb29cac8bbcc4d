#pragma once

#include "console/entryrenderer.h"
#include "console/rowgeometry.h"
#include "model/storedevent.h"

#include <QAbstractScrollArea>

namespace chorus {

class TranscriptModel;

// The transcript part of a console, usable on its own (tests, benchmarks): a scroll area
// over a TranscriptModel that lays out only the rows it shows. Unmeasured rows have an
// estimated height; the row at the top of the viewport is the scroll anchor, so measuring
// rows never moves what the user reads. When the view is at the bottom it follows new rows.
class TranscriptView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit TranscriptView(QWidget *parent = nullptr);
    ~TranscriptView() override;

    TranscriptModel *model() const { return m_model; }
    // Convenience: model()->appendEvents().
    void appendEvents(const QList<StoredEvent> &events);

    // Shown in the middle while there is nothing to show.
    void setEmptyText(const QString &title, const QString &detail = {});

    bool isAtBottom() const { return m_stick; }
    void scrollToBottom();
    void scrollToRow(int row);

    int currentRow() const { return m_current; }
    void setCurrentRow(int row);
    // The row's rectangle in viewport coordinates (may be outside the viewport), and the
    // header that toggles a tool block / thinking (empty for other rows).
    QRect rowRect(int row);
    QRect toggleRect(int row);
    void toggleRow(int row);

    // A long text folded in a row: whether the row has one, showing it whole (in place,
    // keeping what is on screen where it is), and opening a text in a viewer window
    // (part: an index of EntryRenderer::parts(); -1: the first folded one, else the last).
    bool isFolded(int row);
    // The first folded text's link (viewport coordinates; empty when nothing is folded).
    QRect foldLinkRect(int row, EntryRenderer::FoldLink link);
    void showAll(int row);
    void openViewer(int row, int part = -1);
    // Names the agent in the viewer's title.
    void setAgentName(const QString &name) { m_agentName = name; }

    // Search: marks `text` in the rows shown and moves to the next / previous row with it.
    void setHighlight(const QString &text);
    QString highlight() const { return m_highlight; }
    bool findNext(const QString &text, bool backward = false, bool includeCurrent = false);
    int matchRow() const { return m_matchRow; }

    // Copies the current row's text.
    void copyCurrent() const;

    // Opens a link from an agent's Markdown: http and https at once; any other scheme (file:,
    // javascript:, a custom handler that starts a program) only after the user agrees in a
    // question box, since the model chose the link.
    void openLink(const QString &link);

Q_SIGNALS:
    void currentRowChanged(int row);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void onRowsInserted(int first, int last);
    void onRowsRemoved(int first, int last);
    void onDataChanged(int first, int last);
    void onReset();
    void relayout();
    void estimate(int first, int last, int width);
    void ensureMeasured(int row);
    int contentWidth() const;
    int rowAtPos(const QPoint &pos);
    void onScrollValue(int value);
    void setAnchor(int row, qint64 offset);
    void updateStyle();
    void paintEmpty(QPainter *p);
    int layoutWidth() const { return m_layoutWidth > 0 ? m_layoutWidth : contentWidth(); }
    // Keeps the row's top where it is on screen while its height changes.
    void holdRow(int row);

    TranscriptModel *m_model;
    EntryRenderer m_renderer;
    RowGeometry m_geometry;
    int m_layoutWidth = -1;
    bool m_stick = true; // follow new rows
    int m_anchorRow = 0; // when not sticking: this row's top is at -m_anchorOffset
    qint64 m_anchorOffset = 0;
    bool m_settingScroll = false;
    bool m_layoutPending = false;
    int m_current = -1;
    int m_matchRow = -1;
    QString m_highlight;
    QString m_agentName;
    QString m_emptyTitle;
    QString m_emptyDetail;
};

} // namespace chorus
