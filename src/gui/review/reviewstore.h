#pragma once

#include "result.h"
#include "review/reviewcomment.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace chorus {

// What a reviewer did on one agent's branch: files marked viewed and line comments, plus a
// record of the change requests sent. One JSON file per agent session,
// paths::dataDir()/review/<session-id>.json, rewritten atomically (QSaveFile) after every
// change, so nothing typed is lost when the window closes or the GUI dies.
//
// A viewed mark belongs to a file's path *and* to a fingerprint of its change (see
// changeFingerprint()): when the agent changes the file again, the mark no longer applies.
class ReviewStore
{
public:
    // Loads the session's file (nothing yet: empty). An unreadable file is moved aside to
    // <name>.unreadable-<time> and loadError() says so; the store starts empty.
    explicit ReviewStore(const QString &sessionId);

    static QString filePath(const QString &sessionId);
    const Error &loadError() const { return m_loadError; }

    // Viewed marks.
    bool isViewed(const QString &path, const QString &fingerprint) const;
    QString viewedFingerprint(const QString &path) const; // empty: not marked
    // Marks (or unmarks: any fingerprint) a file.
    Status setViewed(const QString &path, const QString &fingerprint, bool viewed);

    // Comments not sent yet, in file and line order.
    QList<ReviewComment> comments() const;
    QList<ReviewComment> comments(const QString &path) const;
    // Stores a new comment (id and times are filled in); returns its id.
    Result<QString> addComment(ReviewComment comment);
    Status updateComment(const QString &id, const QString &text);
    Status removeComment(const QString &id);
    // Moves the comments into the record of sent requests, with the message that carried them
    // and the request's round (1, 2, ... for this agent).
    Status markSent(const QStringList &ids, const QString &message);
    QJsonArray sentRequests() const { return m_sent; }

    // One "Request changes" sent: its round, when (UTC, ISO 8601), the message and its comments.
    struct SentRound
    {
        int round = 0;
        QString at;
        QString message;
        QList<ReviewComment> comments;
    };
    // The sent requests in order. A request recorded without a round number (older files)
    // counts as the round after the one before it.
    QList<SentRound> sentRounds() const;
    // The sent comments on a file, labelled with their round (ReviewComment::sentLabel).
    QList<ReviewComment> sentComments(const QString &path) const;
    // What the diff of a file shows: the unsent comments and the sent ones.
    QList<ReviewComment> shownComments(const QString &path) const;

private:
    void load();
    Status save();

    QString m_sessionId;
    QHash<QString, QString> m_viewed; // path -> fingerprint
    QList<ReviewComment> m_comments;
    QJsonArray m_sent;
    Error m_loadError;
};

} // namespace chorus
