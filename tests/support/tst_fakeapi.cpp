#include "fakeapi.h"

#include <QTest>

class TestFakeApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placeholder() { }
};

QTEST_GUILESS_MAIN(TestFakeApi)
#include "tst_fakeapi.moc"
