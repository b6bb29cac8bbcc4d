#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace chorus {

// An error a person can act on: what failed, on what, and what to do next.
struct Error
{
    QString message;
    QString where; // file:line, session id, branch... empty when it does not apply
    QString hint;  // the next step for the user; may be empty

    QString toString() const
    {
        QString s = where.isEmpty() ? message : where + QStringLiteral(": ") + message;
        if (!hint.isEmpty())
            s += QStringLiteral("\n  ") + hint;
        return s;
    }
};

// A value or an Error. Core APIs return this instead of throwing.
template<typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T &operator*() const & { return *m_value; }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

struct Ok
{
};

using Status = Result<Ok>;

inline Error makeError(QString message, QString where = {}, QString hint = {})
{
    return Error{std::move(message), std::move(where), std::move(hint)};
}

} // namespace chorus
