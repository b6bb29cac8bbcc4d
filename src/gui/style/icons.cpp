#include "style/icons.h"

#include <QApplication>
#include <QFile>
#include <QHash>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

static void initGuiResources()
{
    Q_INIT_RESOURCE(gui);
}

namespace chorus::icons {

namespace {
QHash<QString, QIcon> &cache()
{
    static QHash<QString, QIcon> c;
    return c;
}

void ensureResources()
{
    static const bool done = [] {
        initGuiResources();
        return true;
    }();
    Q_UNUSED(done);
}

QPixmap tinted(QSvgRenderer &renderer, int size, qreal dpr, const QColor &color)
{
    QPixmap pm(QSize(size, size) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    renderer.render(&p, QRectF(0, 0, size, size));
    if (color.isValid()) {
        p.setCompositionMode(QPainter::CompositionMode_SourceIn);
        p.fillRect(QRectF(0, 0, size, size), color);
    }
    return pm;
}

QIcon fromSvg(const QString &path, const QColor &color)
{
    ensureResources();
    const QString key =
        path + QLatin1Char('|') + (color.isValid() ? color.name(QColor::HexArgb) : QString());
    if (auto it = cache().constFind(key); it != cache().constEnd())
        return *it;
    QSvgRenderer renderer(path);
    QIcon icon;
    if (renderer.isValid()) {
        const qreal dpr = qApp ? qApp->devicePixelRatio() : 1.0;
        for (int size : {16, 20, 24, 32, 48, 64})
            icon.addPixmap(tinted(renderer, size, dpr, color));
    }
    cache().insert(key, icon);
    return icon;
}
} // namespace

QIcon app()
{
    return fromSvg(QStringLiteral(":/icons/chorus.svg"), QColor());
}

QIcon action(const QString &name)
{
    const QColor color = QApplication::palette().color(QPalette::ButtonText);
    return fromSvg(QStringLiteral(":/icons/actions/%1.svg").arg(name), color);
}

QIcon role(const QString &iconName, const QString &roleName, const QColor &color)
{
    ensureResources();
    QString path = QStringLiteral(":/icons/roles/generic.svg");
    for (const QString &candidate : {iconName, roleName}) {
        const QString p = QStringLiteral(":/icons/roles/%1.svg").arg(candidate);
        if (!candidate.isEmpty() && QFile::exists(p)) {
            path = p;
            break;
        }
    }
    return fromSvg(path, color);
}

QIcon dot(const QColor &color)
{
    const QString key = QStringLiteral("dot|") + color.name(QColor::HexArgb);
    if (auto it = cache().constFind(key); it != cache().constEnd())
        return *it;
    QIcon icon;
    const qreal dpr = qApp ? qApp->devicePixelRatio() : 1.0;
    for (int size : {12, 16, 24}) {
        QPixmap pm(QSize(size, size) * dpr);
        pm.setDevicePixelRatio(dpr);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        const qreal d = size * 0.5;
        p.drawEllipse(QRectF((size - d) / 2, (size - d) / 2, d, d));
        icon.addPixmap(pm);
    }
    cache().insert(key, icon);
    return icon;
}

void clearCache()
{
    cache().clear();
}

} // namespace chorus::icons
