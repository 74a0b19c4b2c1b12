#include <ita/storage/sql/database.hpp>

#include <cctype>

namespace ita::storage::sql {

Result<Transaction> Transaction::begin(Database& database) {
    ITA_TRY_VOID(database.begin());
    return Transaction(database);
}

Transaction::~Transaction() {
    if (m_database) m_database->rollback();
}

Result<void> Transaction::commit() {
    auto committed = m_database->commit();
    if (committed) m_database = nullptr;
    return committed;
}

std::string replace_placeholders(std::string_view sql, const std::function<std::string(std::size_t)>& by) {
    std::string text;
    text.reserve(sql.size() + 16);
    std::size_t next = 0;
    char quote = 0;
    for (std::size_t at = 0; at < sql.size(); ++at) {
        const char c = sql[at];
        if (quote) {
            text += c;
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
            text += c;
        } else if (c == '?') {
            // ?N names its parameter (from 1); a bare ? takes the next one.
            std::size_t index = next++;
            if (at + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[at + 1]))) {
                index = 0;
                while (at + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[at + 1])))
                    index = index * 10 + static_cast<std::size_t>(sql[++at] - '0');
                --index;
            }
            text += by(index);
        } else {
            text += c;
        }
    }
    return text;
}

std::string dialect_text(std::string_view sql, Dialect dialect) {
    std::string text = dialect == Dialect::postgresql
                           ? replace_placeholders(sql, [](std::size_t index) { return "$" + std::to_string(index + 1); })
                           : std::string(sql);
    constexpr std::string_view for_update = "{for_update}";
    for (auto at = text.find(for_update); at != std::string::npos; at = text.find(for_update, at))
        text.replace(at, for_update.size(), dialect == Dialect::postgresql ? " FOR UPDATE" : "");
    return text;
}

Result<void> Database::stream(std::string_view sql, std::span<const Value> parameters, const std::function<void(const Rows&)>& visit) {
    ITA_TRY(rows, query(sql, parameters));
    while (true) {
        ITA_TRY(more, rows->next());
        if (!more) return {};
        visit(*rows);
    }
}

Result<std::optional<std::int64_t>> single_integer(Database& database, std::string_view sql, Values parameters) {
    ITA_TRY(rows, database.query(sql, parameters));
    ITA_TRY(found, rows->next());
    if (!found || rows->is_null(0)) return std::optional<std::int64_t>();
    return std::optional(rows->integer(0));
}

}  // namespace ita::storage::sql
