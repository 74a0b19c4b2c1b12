#include <ita/core/agency_input.hpp>

namespace ita::core {

void PartTally::add_sums(const PartTally& other, std::size_t sub_item_count) {
    if (other.empty()) return;
    if (point_sum.size() < sub_item_count) {
        point_sum.resize(sub_item_count, 0.0);
        answer_count.resize(sub_item_count, 0);
    }
    for (std::size_t index = 0; index < other.point_sum.size() && index < sub_item_count; ++index) {
        point_sum[index] += other.point_sum[index];
        answer_count[index] += other.answer_count[index];
    }
}

PartTally& ResponseTally::eit_part(std::size_t part, std::size_t part_count) {
    if (eit_parts.size() < part_count) eit_parts.resize(part_count);
    return eit_parts[part];
}

}  // namespace ita::core
