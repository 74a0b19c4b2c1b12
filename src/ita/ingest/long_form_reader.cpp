// Reads a long-form responses file on every core: first as a file grouped by agency and
// instrument, each share scoring its groups where it reads them; a file in no order by
// partitions of agencies, in 8-byte records when its answers fit them, else 16.
#include <ita/ingest/long_form_reader.hpp>

#include <ita/ingest/long_form_share.hpp>

#include <algorithm>
#include <atomic>
#include <thread>

namespace ita::ingest {

namespace {

using namespace long_form;

// Where the columns are, from the header; nullopt for a header the full reader is to judge.
std::optional<Layout> long_form_layout(std::string_view text) {
    Layout layout;
    std::size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) return std::nullopt;
    std::string_view header = text.substr(start, end - start);
    if (header.ends_with('\r')) header.remove_suffix(1);
    if (header.find_first_of("\"\r") != std::string_view::npos) return std::nullopt;
    std::array<bool, column_count> seen{};
    for (std::size_t from = 0;; ++layout.fields) {
        const std::size_t comma = header.find(',', from);
        const std::string_view name =
            util::trim(header.substr(from, comma == std::string_view::npos ? header.size() - from : comma - from));
        const auto* known = std::find(column_names.begin(), column_names.end(), name);
        if (known == column_names.end()) return std::nullopt;
        const auto column = static_cast<std::size_t>(known - column_names.begin());
        if (seen[column]) return std::nullopt;
        seen[column] = true;
        layout.position[column] = layout.fields;
        if (comma == std::string_view::npos) break;
        from = comma + 1;
    }
    ++layout.fields;
    for (std::size_t column = 0; column < part; ++column)
        if (!seen[column]) return std::nullopt;
    layout.has_part = seen[part];
    layout.body = end + 1;
    return layout;
}

PerfectShortTable sub_item_table(const core::Methodology& methodology) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
    for (std::size_t index = 0; index < methodology.sub_items.size() && index <= UINT16_MAX; ++index)
        if (const std::string& code = methodology.sub_items[index].code; !code.empty() && code.size() <= short_text_bytes)
            entries.emplace_back(short_key(code), static_cast<std::uint32_t>(index));
    return PerfectShortTable(entries);
}

// Where each share's rows begin and end: whole lines, about equal in bytes.
std::vector<std::pair<std::size_t, std::size_t>> shares_of(std::string_view text, std::size_t body, std::size_t count) {
    std::vector<std::pair<std::size_t, std::size_t>> shares;
    std::size_t begin = body;
    for (std::size_t share = 1; share <= count; ++share) {
        std::size_t end = share == count ? text.size() : body + (text.size() - body) * share / count;
        if (end < begin) end = begin;
        if (share != count) {
            const std::size_t line_end = text.find('\n', end);
            end = line_end == std::string_view::npos ? text.size() : line_end + 1;
        }
        shares.emplace_back(begin, end);
        begin = end;
    }
    return shares;
}

// The global index of each share's local agencies, in the order of first appearance in the
// file; fills `ids` with the agencies in that order (without an agencies file).
template <typename Parser>
std::vector<std::vector<std::uint32_t>> number_agencies(const std::vector<Parser>& parsers, std::vector<std::string>& ids) {
    TextViewTable<std::uint32_t> index_by_id;
    std::vector<std::vector<std::uint32_t>> global_of_local;
    for (const auto& parser : parsers) {
        auto& numbers = global_of_local.emplace_back();
        for (const auto& id : parser.agency_ids()) {
            const auto [entry, added] = index_by_id.try_emplace(id, static_cast<std::uint32_t>(ids.size()));
            if (added) ids.push_back(id);
            numbers.push_back(entry->second);
        }
    }
    return global_of_local;
}

// Moves each share's start on to a line where the agency or the instrument changes, so that a
// file grouped by them has each group in one share. Gives up on a group longer than 64 MiB
// (the check after reading finds it split).
std::vector<std::pair<std::size_t, std::size_t>> grouped_shares(std::string_view text, const Layout& layout,
                                                                std::vector<std::pair<std::size_t, std::size_t>> shares) {
    const auto group_at = [&](std::size_t at) {
        std::string_view line = text.substr(at, text.find('\n', at) - at);
        std::array<std::string_view, 2> group;  // agency, instrument
        for (std::size_t field = 0; field < layout.fields; ++field) {
            const std::size_t comma = std::min(line.find(','), line.size());
            if (field == layout.position[agency_id]) group[0] = util::trim(line.substr(0, comma));
            if (field == layout.position[instrument]) group[1] = util::trim(line.substr(0, comma));
            line.remove_prefix(std::min(comma + 1, line.size()));
        }
        return group;
    };
    constexpr std::size_t longest_group = std::size_t{64} << 20;
    for (std::size_t share = 1; share < shares.size(); ++share) {
        std::size_t begin = std::max(shares[share].first, shares[share - 1].first);
        if (begin > layout.body && begin < text.size()) {
            const std::size_t previous = text.rfind('\n', begin - 2);
            const auto group = group_at(previous == std::string_view::npos || previous < layout.body ? layout.body : previous + 1);
            for (const std::size_t from = begin; begin < text.size() && begin - from < longest_group && group_at(begin) == group;) {
                const std::size_t line_end = text.find('\n', begin);
                begin = line_end == std::string_view::npos ? text.size() : line_end + 1;
            }
        }
        shares[share - 1].second = begin;
        shares[share].first = begin;
    }
    return shares;
}

template <typename Work>
void run_on_threads(std::size_t thread_count, Work&& work) {
    std::vector<std::jthread> workers;
    for (std::size_t worker = 1; worker < thread_count; ++worker) workers.emplace_back([&, worker] { work(worker); });
    work(0);
}

// Scores a file grouped by agency and instrument (as `ita gen` writes one, or an export sorted
// by agency) in one pass: each thread scores its share's groups directly, no records kept.
ShareOutcome read_grouped(Shared& shared, ScoringInputs& inputs, const std::string& path, std::size_t thread_count) {
    const auto shares = grouped_shares(shared.text, shared.layout, shares_of(shared.text, shared.layout.body, thread_count));
    struct alignas(64) Partial {
        ScoringInputs inputs;
    };
    std::vector<Partial> partials;
    for (std::size_t share = 0; share < shares.size(); ++share) partials.push_back(Partial{inputs.same_agencies()});
    std::vector<ShareParser<WideRecord>> parsers;  // scoring directly: no records
    for (std::size_t share = 0; share < shares.size(); ++share)
        parsers.emplace_back(shared, shares[share].first, shares[share].second, share == 0, &partials[share].inputs);
    std::vector<ShareOutcome> outcomes(shares.size(), ShareOutcome::read);
    run_on_threads(thread_count, [&](std::size_t share) {
        outcomes[share] = parsers[share].parse();
        if (outcomes[share] != ShareOutcome::read) shared.declined = true;  // the others stop
    });
    const auto any = [&](ShareOutcome outcome) { return std::find(outcomes.begin(), outcomes.end(), outcome) != outcomes.end(); };
    if (any(ShareOutcome::not_grouped)) return ShareOutcome::not_grouped;
    if (shared.declined) return ShareOutcome::declined;

    // Each group in one share only: then no sum has two parts to add, and merging the shares'
    // inputs gives every sum exactly as the full reader adds it.
    std::array<TextViewTable<std::size_t>, 2> share_of_group;
    for (std::size_t share = 0; share < parsers.size(); ++share)
        for (const std::uint64_t group : parsers[share].groups()) {
            const std::size_t agency = group >> 1;
            const std::string_view id = shared.has_directory ? std::string_view(inputs.inputs()[agency].agency_id)
                                                             : std::string_view(parsers[share].agency_ids()[agency]);
            if (!share_of_group[group & 1].try_emplace(id, share).second) return ShareOutcome::not_grouped;
        }
    if (shared.file->changed()) return ShareOutcome::declined;
    std::vector<std::string> ids;
    (void)number_agencies(parsers, ids);
    for (const auto& id : ids) (void)inputs.agency(id);  // numbered in order of first appearance, as the full reader does
    for (auto& partial : partials)
        if (!inputs.merge(std::move(partial.inputs), path)) return ShareOutcome::declined;
    return ShareOutcome::read;
}

// Scores a file in any order: each thread parses its share into records by partition of
// agencies, then each thread scores whole partitions, the shares in file order.
template <typename Record>
ShareOutcome read_partitioned(Shared& shared, ScoringInputs& inputs, const std::string& path, std::size_t thread_count) {
    std::vector<ShareParser<Record>> parsers;
    for (const auto& [begin, end] : shares_of(shared.text, shared.layout.body, thread_count))
        parsers.emplace_back(shared, begin, end, parsers.empty());
    std::vector<ShareOutcome> outcomes(parsers.size(), ShareOutcome::read);
    run_on_threads(thread_count, [&](std::size_t share) {
        outcomes[share] = parsers[share].parse();
        if (outcomes[share] != ShareOutcome::read) shared.declined = true;
    });
    if (std::find(outcomes.begin(), outcomes.end(), ShareOutcome::not_compact) != outcomes.end()) return ShareOutcome::not_compact;
    if (shared.declined) return ShareOutcome::declined;

    // The agencies are numbered as the full reader numbers them: the directory's, else in
    // order of first appearance. Each thread scores whole partitions into its own inputs, the
    // shares in file order, so each agency's answers come in the order of the file.
    std::vector<std::string> ids;
    const auto global_of_local = number_agencies(parsers, ids);
    struct alignas(64) Partial {
        ScoringInputs inputs;
    };
    std::vector<Partial> partials;
    for (std::size_t worker = 0; worker < thread_count; ++worker) {
        partials.push_back(Partial{inputs.same_agencies()});
        for (const auto& id : ids) (void)partials.back().inputs.agency(id);
    }
    std::atomic<std::size_t> next_partition{0};
    run_on_threads(thread_count, [&](std::size_t worker) {
        ScoringInputs& out = partials[worker].inputs;
        RespondentCache cache;
        std::array<char, 8> digits{};  // a compact record's label written out
        std::uint64_t last_label = 0, last_agency_and_instrument = 0;
        std::uint32_t last_slot = 0;
        std::uint8_t last_part = 0;
        for (std::size_t partition = next_partition++; partition < partition_count && !shared.declined; partition = next_partition++) {
            cache.clear();
            last_label = 0;
            for (std::size_t share = 0; share < parsers.size(); ++share) {
                const auto& global_of = global_of_local[share];
                for (const auto* block : parsers[share].partitions()[partition])
                    for (std::size_t index = 0, count = parsers[share].records_in(partition, block); index < count; ++index) {
                        const Record& record = block->records[index];
                        const std::size_t agency = shared.has_directory ? record.agency() : global_of[record.agency()];
                        const AnswerSpec& spec = shared.specs[record.sub_item()];
                        // Kept as scalars, never a Respondent copied whole: GCC copies one with wide
                        // loads of fields just stored one by one, a store-forwarding stall per answer.
                        std::uint32_t slot = 0;
                        std::uint8_t part = 0;
                        const std::uint64_t label = record.label_key();
                        const std::uint64_t agency_and_instrument =
                            (std::uint64_t{agency} << 1) | static_cast<std::uint64_t>(spec.instrument);
                        if (label != 0 && label == last_label && agency_and_instrument == last_agency_and_instrument) {
                            slot = last_slot;  // the same respondent's next answer, as a grouped file gives them
                            part = last_part;
                        } else if (label != 0) {
                            auto& entry = cache.find(agency_and_instrument, label);
                            if (entry.label == 0) {
                                const auto found =
                                    out.respondent(agency, spec.instrument, record.label(shared.text, digits), record.part());
                                entry.agency_and_instrument = agency_and_instrument;
                                entry.label = label;
                                entry.slot = found.slot;
                                entry.part = found.part;
                                cache.filled();
                            }
                            slot = last_slot = entry.slot;
                            part = last_part = entry.part;
                            last_label = label;
                            last_agency_and_instrument = agency_and_instrument;
                        } else {
                            const auto found = out.respondent(agency, spec.instrument, record.label(shared.text, digits), record.part());
                            slot = found.slot;
                            part = found.part;
                        }
                        const ScoringInputs::Respondent who{agency, spec.instrument, slot, part};
                        // A respondent in two parts, or answering twice: the full reader says where.
                        if (who.part != record.part() || out.record_answer(who, record.sub_item(), spec.points[record.option()]) ==
                                                             ScoringInputs::AnswerOutcome::duplicate) {
                            shared.declined = true;
                            return;
                        }
                    }
            }
        }
    });
    if (shared.declined || shared.file->changed()) return ShareOutcome::declined;
    // The partials hold different agencies, and `inputs` none of their respondents: nothing can clash.
    for (auto& partial : partials)
        if (!inputs.merge(std::move(partial.inputs), path)) return ShareOutcome::declined;
    return ShareOutcome::read;
}

}  // namespace

bool read_long_form_in_parallel(const std::string& path, ScoringInputs& inputs, unsigned threads) {
    auto file = util::MappedFile::open(path);
    if (!file) return false;
    Shared shared;
    shared.text = file->text();
    shared.file = &*file;
    const auto layout = long_form_layout(shared.text);
    // Wide form, another header, or no line end at all: the full reader's to read or refuse.
    if (!layout) return false;
    shared.layout = *layout;
    shared.methodology = &inputs.methodology();
    shared.specs = answer_specs(inputs.methodology());
    shared.sub_items = sub_item_table(inputs.methodology());
    shared.has_directory = inputs.has_directory();
    if (shared.has_directory)
        for (std::size_t index = 0; index < inputs.inputs().size(); ++index)
            shared.directory.emplace(inputs.inputs()[index].agency_id, static_cast<std::uint32_t>(index));

    // One share per core; a file under a few MB is not worth a thread.
    constexpr std::size_t bytes_per_thread = std::size_t{4} << 20;
    const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
    const std::size_t thread_count =
        threads > 0 ? threads : std::clamp<std::size_t>((shared.text.size() - layout->body) / bytes_per_thread, 1, cores);
    switch (read_grouped(shared, inputs, path, thread_count)) {
        case ShareOutcome::read: return true;
        case ShareOutcome::declined: return false;
        case ShareOutcome::not_grouped:
        case ShareOutcome::not_compact: break;
    }
    // Rows in no order (a database export): met again after another group, usually within
    // the first hundred rows, so little was read twice.
    // Answers in 8 bytes when they fit (numbered respondents, as usual), else in 16.
    const auto& methodology = inputs.methodology();
    const bool compact = methodology.sub_items.size() < CompactRecord::max_sub_items &&
                         methodology.eit_parts().parts.size() <= CompactRecord::max_parts &&
                         (!shared.has_directory || shared.directory.size() < CompactRecord::max_agencies);
    if (compact) {
        shared.declined = false;
        shared.bytes_read = 0;
        const ShareOutcome outcome = read_partitioned<CompactRecord>(shared, inputs, path, thread_count);
        if (outcome != ShareOutcome::not_compact) return outcome == ShareOutcome::read;
    }
    shared.declined = false;
    shared.bytes_read = 0;
    return read_partitioned<WideRecord>(shared, inputs, path, thread_count) == ShareOutcome::read;
}

}  // namespace ita::ingest
