#pragma once

#include <QtGlobal>

#include <vector>

namespace chorus {

// Heights of a list's rows and their running sums, for a view that lays out only the rows
// it shows. A row's height is exact (measured at the current width) or an estimate.
class RowGeometry
{
public:
    int count() const { return int(m_height.size()); }
    void clear();
    void insert(int row, int count, int estimate);
    void remove(int row, int count);

    int height(int row) const { return m_height[size_t(row)]; }
    bool isExact(int row) const { return m_exact[size_t(row)] != 0; }
    void setHeight(int row, int height, bool exact);
    void setInexact(int row) { m_exact[size_t(row)] = 0; }
    void invalidateAll(); // keeps the heights as estimates

    qint64 top(int row) const; // row == count(): the total
    qint64 total() const { return top(count()); }
    int rowAt(qint64 y) const; // the row containing y, clamped to [0, count() - 1]

private:
    void update() const;

    std::vector<int> m_height;
    std::vector<quint8> m_exact;
    mutable std::vector<qint64> m_top{0}; // m_top[i]: y of row i; size count() + 1
    mutable int m_dirtyFrom = 0;
};

} // namespace chorus
