#include <ita/core/agency_input.hpp>

namespace ita::core {

void ResponseTally::add(std::size_t sub_item, double points, std::size_t sub_item_count) {
    if (point_sum.size() < sub_item_count) {
        point_sum.resize(sub_item_count, 0.0);
        answer_count.resize(sub_item_count, 0);
    }
    point_sum[sub_item] += points;
    ++answer_count[sub_item];
}

}  // namespace ita::core
