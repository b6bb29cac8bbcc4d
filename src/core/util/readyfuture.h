#pragma once

#include <QFuture>
#include <QPromise>

namespace chorus {

// A future that already holds `value`. QPromise, not QtFuture::makeReadyFuture (deprecated from
// Qt 6.6, warned about from 6.10). Note that a continuation attached to it runs at once.
template<class T>
QFuture<T> readyFuture(T value)
{
    QPromise<T> p;
    p.start();
    p.addResult(std::move(value));
    p.finish();
    return p.future();
}

} // namespace chorus
