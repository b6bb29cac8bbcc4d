#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace chorus {

// A reviewer's note on one line of an agent's diff, kept (ReviewStore) until it is sent to the
// agent with "Request changes".
struct ReviewComment
{
    enum Side : quint8 { Old, New }; // the base's line (removed) or the branch's line
    QString id;                      // unique (a UUID)
    QString path; // the file's path on the branch (the old path for a deleted file)
    Side side = New;
    int line = 0;     // 1-based, on `side`
    QString lineText; // the line as it was when commented, quoted in the request
    QString text;
    QString createdAt; // UTC, ISO 8601
    QString updatedAt;
    // Not stored with the comment: set (ReviewStore::sentComments()) on a comment already sent,
    // e.g. "Sent with Request changes · round 2 · 14:02". Such a comment is shown read-only.
    QString sentLabel;

    bool isSent() const { return !sentLabel.isEmpty(); }

    // File, then line, then side, then creation order.
    static bool lessThan(const ReviewComment &a, const ReviewComment &b);
    QJsonObject toJson() const;
    static ReviewComment fromJson(const QJsonObject &o);
};

// The follow-up message "Request changes" sends: each comment as `path:line`, the quoted line
// and the comment, in file and line order.
QString changeRequestText(const QString &branch, QList<ReviewComment> comments);

} // namespace chorus
