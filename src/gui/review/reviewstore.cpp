#include "review/reviewstore.h"

#include "client/jsonfile.h"
#include "paths.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocale>
#include <QUuid>

#include <algorithm>

namespace chorus {

namespace {
constexpr int kFormatVersion = 1;

class StoreText
{
    Q_DECLARE_TR_FUNCTIONS(ReviewStore)
};

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

ReviewStore::ReviewStore(const QString &sessionId) : m_sessionId(sessionId)
{
    load();
}

QString ReviewStore::filePath(const QString &sessionId)
{
    return paths::dataDir() + QStringLiteral("/review/") + sessionId + QStringLiteral(".json");
}

void ReviewStore::load()
{
    const QString path = filePath(m_sessionId);
    QFile f(path);
    if (!f.exists())
        return;
    QJsonParseError pe;
    const QJsonDocument doc =
        f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll(), &pe) : QJsonDocument();
    f.close();
    if (!doc.isObject()) {
        const QString aside =
            path + QStringLiteral(".unreadable-") +
            QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddTHHmmss"));
        QFile::rename(path, aside);
        m_loadError =
            makeError(StoreText::tr("the review notes could not be read; they were moved aside"),
                      aside, StoreText::tr("Viewed marks and comments of this agent start empty."));
        return;
    }
    const QJsonObject o = doc.object();
    const QJsonObject viewed = o.value(QLatin1String("viewed")).toObject();
    for (auto it = viewed.constBegin(); it != viewed.constEnd(); ++it)
        m_viewed.insert(it.key(), it.value().toString());
    for (const QJsonValue &v : o.value(QLatin1String("comments")).toArray())
        m_comments.append(ReviewComment::fromJson(v.toObject()));
    std::sort(m_comments.begin(), m_comments.end(), ReviewComment::lessThan);
    m_sent = o.value(QLatin1String("sent")).toArray();
}

Status ReviewStore::save()
{
    const QString path = filePath(m_sessionId);
    QJsonObject viewed;
    for (auto it = m_viewed.constBegin(); it != m_viewed.constEnd(); ++it)
        viewed.insert(it.key(), it.value());
    QJsonArray comments;
    for (const ReviewComment &c : std::as_const(m_comments))
        comments.append(c.toJson());
    const QJsonObject o{{QStringLiteral("version"), kFormatVersion},
                        {QStringLiteral("sessionId"), m_sessionId},
                        {QStringLiteral("viewed"), viewed},
                        {QStringLiteral("comments"), comments},
                        {QStringLiteral("sent"), m_sent}};
    QString error;
    if (!writeJsonFile(path, o, &error))
        return makeError(
            StoreText::tr("cannot save the review notes: %1").arg(error), path,
            StoreText::tr(
                "Check that the data folder is writable; your last change is only in memory."));
    return Ok{};
}

bool ReviewStore::isViewed(const QString &path, const QString &fingerprint) const
{
    const auto it = m_viewed.constFind(path);
    return it != m_viewed.constEnd() && *it == fingerprint;
}

QString ReviewStore::viewedFingerprint(const QString &path) const
{
    return m_viewed.value(path);
}

Status ReviewStore::setViewed(const QString &path, const QString &fingerprint, bool viewed)
{
    if (viewed ? isViewed(path, fingerprint) : !m_viewed.contains(path))
        return Ok{};
    if (viewed)
        m_viewed.insert(path, fingerprint);
    else
        m_viewed.remove(path);
    return save();
}

QList<ReviewComment> ReviewStore::comments() const
{
    return m_comments;
}

QList<ReviewComment> ReviewStore::comments(const QString &path) const
{
    QList<ReviewComment> out;
    for (const ReviewComment &c : m_comments)
        if (c.path == path)
            out.append(c);
    return out;
}

Result<QString> ReviewStore::addComment(ReviewComment comment)
{
    comment.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    comment.createdAt = comment.updatedAt = now();
    m_comments.append(comment);
    std::sort(m_comments.begin(), m_comments.end(), ReviewComment::lessThan);
    if (Status s = save(); !s)
        return s.error();
    return comment.id;
}

Status ReviewStore::updateComment(const QString &id, const QString &text)
{
    for (ReviewComment &c : m_comments) {
        if (c.id != id)
            continue;
        c.text = text;
        c.updatedAt = now();
        return save();
    }
    return makeError(StoreText::tr("this comment no longer exists"), id);
}

Status ReviewStore::removeComment(const QString &id)
{
    const auto n = m_comments.removeIf([&id](const ReviewComment &c) { return c.id == id; });
    return n ? save() : Status(Ok{});
}

Status ReviewStore::markSent(const QStringList &ids, const QString &message)
{
    QJsonArray sent;
    m_comments.removeIf([&](const ReviewComment &c) {
        if (!ids.contains(c.id))
            return false;
        sent.append(c.toJson());
        return true;
    });
    const QList<SentRound> rounds = sentRounds();
    m_sent.append(
        QJsonObject{{QStringLiteral("round"), rounds.isEmpty() ? 1 : rounds.constLast().round + 1},
                    {QStringLiteral("at"), now()},
                    {QStringLiteral("message"), message},
                    {QStringLiteral("comments"), sent}});
    return save();
}

QList<ReviewStore::SentRound> ReviewStore::sentRounds() const
{
    QList<SentRound> out;
    int previous = 0;
    for (const QJsonValue &v : m_sent) {
        const QJsonObject o = v.toObject();
        SentRound r;
        const int stored = o.value(QLatin1String("round")).toInt();
        r.round = stored > previous ? stored : previous + 1;
        previous = r.round;
        r.at = o.value(QLatin1String("at")).toString();
        r.message = o.value(QLatin1String("message")).toString();
        for (const QJsonValue &c : o.value(QLatin1String("comments")).toArray())
            r.comments.append(ReviewComment::fromJson(c.toObject()));
        out.append(r);
    }
    return out;
}

QList<ReviewComment> ReviewStore::sentComments(const QString &path) const
{
    QList<ReviewComment> out;
    for (const SentRound &r : sentRounds()) {
        const QDateTime at = QDateTime::fromString(r.at, Qt::ISODateWithMs).toLocalTime();
        const QString when =
            at.isValid() ? QLocale().toString(at.time(), QLocale::ShortFormat) : QString();
        const QString label =
            when.isEmpty()
                ? StoreText::tr("Sent with Request changes · round %1").arg(r.round)
                : StoreText::tr("Sent with Request changes · round %1 · %2").arg(r.round).arg(when);
        for (ReviewComment c : r.comments) {
            if (c.path != path)
                continue;
            c.sentLabel = label;
            out.append(c);
        }
    }
    return out;
}

QList<ReviewComment> ReviewStore::shownComments(const QString &path) const
{
    return comments(path) + sentComments(path);
}

} // namespace chorus
