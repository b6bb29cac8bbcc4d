#include "review/reviewcomment.h"

#include <QCoreApplication>

#include <algorithm>

namespace chorus {

namespace {
class CommentText
{
    Q_DECLARE_TR_FUNCTIONS(ReviewComment)
};
} // namespace

bool ReviewComment::lessThan(const ReviewComment &a, const ReviewComment &b)
{
    if (a.path != b.path)
        return a.path < b.path;
    if (a.line != b.line)
        return a.line < b.line;
    if (a.side != b.side)
        return a.side < b.side;
    return a.createdAt < b.createdAt;
}

QJsonObject ReviewComment::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("path"), path},
        {QStringLiteral("side"), side == Old ? QStringLiteral("old") : QStringLiteral("new")},
        {QStringLiteral("line"), line},
        {QStringLiteral("lineText"), lineText},
        {QStringLiteral("text"), text},
        {QStringLiteral("createdAt"), createdAt},
        {QStringLiteral("updatedAt"), updatedAt}};
}

ReviewComment ReviewComment::fromJson(const QJsonObject &o)
{
    ReviewComment c;
    c.id = o.value(QLatin1String("id")).toString();
    c.path = o.value(QLatin1String("path")).toString();
    c.side = o.value(QLatin1String("side")).toString() == QLatin1String("old") ? Old : New;
    c.line = o.value(QLatin1String("line")).toInt();
    c.lineText = o.value(QLatin1String("lineText")).toString();
    c.text = o.value(QLatin1String("text")).toString();
    c.createdAt = o.value(QLatin1String("createdAt")).toString();
    c.updatedAt = o.value(QLatin1String("updatedAt")).toString();
    return c;
}

QString changeRequestText(const QString &branch, QList<ReviewComment> comments)
{
    std::sort(comments.begin(), comments.end(), ReviewComment::lessThan);
    QString out = CommentText::tr("Review of your branch %1: please address these %n comment(s), "
                                  "then finish your turn.",
                                  nullptr, int(comments.size()))
                      .arg(branch);
    out += QLatin1Char('\n');
    int n = 0;
    for (const ReviewComment &c : std::as_const(comments)) {
        out += QStringLiteral("\n%1. %2:%3").arg(++n).arg(c.path).arg(c.line);
        if (c.side == ReviewComment::Old)
            out += QLatin1Char(' ') + CommentText::tr("(a line your branch removed)");
        out += QLatin1Char('\n');
        if (!c.lineText.trimmed().isEmpty())
            out += QStringLiteral("   > ") + c.lineText.trimmed() + QLatin1Char('\n');
        const QStringList lines = c.text.trimmed().split(QLatin1Char('\n'));
        for (const QString &line : lines)
            out += QStringLiteral("   ") + line + QLatin1Char('\n');
    }
    return out;
}

} // namespace chorus
