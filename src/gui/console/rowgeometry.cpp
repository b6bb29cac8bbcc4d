#include "rowgeometry.h"

#include <algorithm>

namespace chorus {

void RowGeometry::clear()
{
    m_height.clear();
    m_exact.clear();
    m_top.assign(1, 0);
    m_dirtyFrom = 0;
}

void RowGeometry::insert(int row, int count, int estimate)
{
    if (count <= 0)
        return;
    m_height.insert(m_height.begin() + row, size_t(count), estimate);
    m_exact.insert(m_exact.begin() + row, size_t(count), 0);
    m_dirtyFrom = std::min(m_dirtyFrom, row);
}

void RowGeometry::remove(int row, int count)
{
    if (count <= 0)
        return;
    m_height.erase(m_height.begin() + row, m_height.begin() + row + count);
    m_exact.erase(m_exact.begin() + row, m_exact.begin() + row + count);
    m_dirtyFrom = std::min(m_dirtyFrom, row);
}

void RowGeometry::setHeight(int row, int height, bool exact)
{
    m_exact[size_t(row)] = exact ? 1 : 0;
    if (m_height[size_t(row)] == height)
        return;
    m_height[size_t(row)] = height;
    m_dirtyFrom = std::min(m_dirtyFrom, row);
}

void RowGeometry::invalidateAll()
{
    std::fill(m_exact.begin(), m_exact.end(), quint8(0));
}

void RowGeometry::update() const
{
    const int n = count();
    if (m_dirtyFrom > n && qsizetype(m_top.size()) == n + 1)
        return;
    m_top.resize(size_t(n) + 1);
    const int from = std::min(m_dirtyFrom, n);
    for (int i = from; i < n; ++i)
        m_top[size_t(i) + 1] = m_top[size_t(i)] + m_height[size_t(i)];
    m_dirtyFrom = n + 1;
}

qint64 RowGeometry::top(int row) const
{
    update();
    return m_top[size_t(row)];
}

int RowGeometry::rowAt(qint64 y) const
{
    const int n = count();
    if (n == 0)
        return 0;
    update();
    // The last row whose top is <= y.
    const auto it = std::upper_bound(m_top.begin(), m_top.begin() + n, y);
    return std::clamp(int(it - m_top.begin()) - 1, 0, n - 1);
}

} // namespace chorus
