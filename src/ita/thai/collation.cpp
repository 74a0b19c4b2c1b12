#include <ita/thai/collation.hpp>

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

namespace ita::thai {

void sort_thai(std::vector<std::string>& texts) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(icu::Locale("th"), status));
    if (U_FAILURE(status) || !collator) {
        std::sort(texts.begin(), texts.end());
        return;
    }
    std::stable_sort(texts.begin(), texts.end(), [&](const std::string& left, const std::string& right) {
        UErrorCode compare_status = U_ZERO_ERROR;
        return collator->compareUTF8(left, right, compare_status) == UCOL_LESS;
    });
}

}  // namespace ita::thai
