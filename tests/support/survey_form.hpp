// A survey form as a person walks it: the first part from GET, each further part by posting the
// form to itself with go=N (as the "ถัดไป" button does), collecting every item's choices in order.
#pragma once

#include <httplib.h>

#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ita::test {

using SurveyItems = std::vector<std::pair<std::string, std::vector<std::string>>>;  // item, its values

// `form_path`: the form's address (/s/CODE, /e/A1); `post_path`: where it posts; `fields`: what
// the form always sends (the code), form-encoded. Empty when the form does not open.
inline SurveyItems survey_items(httplib::Client& client, const std::string& form_path, const std::string& post_path,
                                const std::string& fields, const httplib::Headers& headers = {}) {
    static const std::regex radio(R"re(type="radio" name="([^"]+)" value="([^"]+)")re");
    static const std::regex parts(R"re(ส่วนที่ 1 จาก (\d+))re");
    SurveyItems items;
    std::set<std::string> seen;
    const auto collect = [&](const std::string& body) {
        for (std::sregex_iterator match(body.begin(), body.end(), radio), end; match != end; ++match) {
            const std::string name = (*match)[1];
            if (seen.insert(name).second) items.push_back({name, {}});
            for (auto& item : items)
                if (item.first == name) item.second.push_back((*match)[2]);
        }
    };
    const auto first = client.Get(form_path, headers);
    if (!first || first->status != 200) return {};
    collect(first->body);
    std::smatch count;
    const int part_count = std::regex_search(first->body, count, parts) ? std::stoi(count[1]) : 1;
    for (int part = 1; part < part_count; ++part) {
        const auto next = client.Post(post_path, headers, fields + (fields.empty() ? "" : "&") + "go=" + std::to_string(part),
                                      "application/x-www-form-urlencoded");
        if (!next || next->status != 200) return {};
        collect(next->body);
    }
    return items;
}

}  // namespace ita::test
