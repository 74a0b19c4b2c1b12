// An HTML page's text and its main content. Thai agency sites are built on a few content
// systems (Joomla, WordPress, the local-government templates) whose menus list every ITA item
// and whose footers carry the current year; an auditor reads the page's own content, so the
// checker looks for the item's words and the year there.
#include <ita/evidence/document_readers.hpp>
#include <ita/util/text.hpp>
#include <ita/util/web_url.hpp>

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_set>

namespace ita::evidence::readers {

namespace {

bool named(const xmlNode* node, const char* name) {
    return node->name && xmlStrcasecmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

std::string attribute(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value) return {};
    std::string text(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return text;
}

bool skipped(const xmlNode* node) {
    return named(node, "script") || named(node, "style") || named(node, "noscript") || named(node, "template");
}

bool is_heading(const xmlNode* node) {
    return node->name && (node->name[0] == 'h' || node->name[0] == 'H') && node->name[1] >= '1' && node->name[1] <= '6' &&
           node->name[2] == 0;
}

// A class or id word that names site furniture: "nav", "main-menu", "topmenu", "sidebar-left",
// "site_footer", "breadcrumb", Joomla's "aside" column. Headers only by their own names: "page-header" and
// "entry-header" hold an article's title in Joomla and WordPress.
bool furniture_word(std::string_view word) {
    static constexpr std::array<std::string_view, 10> parts = {"nav",    "navbar",     "navigation",  "menu",   "sidebar",
                                                               "footer", "breadcrumb", "breadcrumbs", "widget", "aside"};
    // Headers by their own names, and an article's details (author, category, hits), which say
    // nothing of what it publishes.
    static constexpr std::array<std::string_view, 10> whole = {"header", "site-header",  "masthead",   "topbar",    "top-bar",
                                                               "banner", "article-info", "entry-meta", "post-meta", "byline"};
    if (std::find(whole.begin(), whole.end(), word) != whole.end()) return true;
    for (const auto part : parts) {
        if (word == part || word.ends_with(part)) return true;  // "topmenu", "leftsidebar"
        const auto joined = [&](char separator) {
            const std::string before = std::string(part) + separator;
            const std::string after = std::string(1, separator) + std::string(part);
            return word.starts_with(before) || word.ends_with(after);
        };
        if (joined('-') || joined('_')) return true;
    }
    return false;
}

// `in_content`: inside the page's <main> or an <article>, where a <header> or <footer> is the
// article's own (its title, its date), not the site's.
bool is_furniture(const xmlNode* node, bool in_content) {
    if (named(node, "nav") || named(node, "aside")) return true;
    if ((named(node, "header") || named(node, "footer")) && !in_content) return true;
    const std::string role = util::ascii_lower(attribute(node, "role"));
    if (role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary" || role == "menu" || role == "menubar")
        return true;
    for (const char* name : {"id", "class"}) {
        const std::string words = util::ascii_lower(attribute(node, name));
        for (std::size_t at = 0; at < words.size();) {
            const std::size_t end = std::min(words.find(' ', at), words.size());
            if (end > at && furniture_word(std::string_view(words).substr(at, end - at))) return true;
            at = end + 1;
        }
    }
    return false;
}

// Blocks of links with little else: a menu in a page laid out without marked-up navigation (an
// old table layout's menu column). Only looked for where a page has no <main>: inside one, a
// list of links is the content (an index page, which the checker must still see).
struct LinkWeight {
    std::size_t letters = 0;
    std::size_t link_letters = 0;
    std::size_t links = 0;
};

LinkWeight weigh_links(const xmlNode* node, bool in_link, std::unordered_set<const xmlNode*>& menus) {
    LinkWeight weight;
    for (; node; node = node->next) {
        if (node->type == XML_TEXT_NODE && node->content) {
            // Bytes stand in for letters: only the share of link text matters, and they cost nothing.
            const auto letters = util::trim(reinterpret_cast<const char*>(node->content)).size();
            weight.letters += letters;
            if (in_link) weight.link_letters += letters;
            continue;
        }
        if (node->type != XML_ELEMENT_NODE || skipped(node)) continue;
        const bool link = named(node, "a");
        const auto inner = weigh_links(node->children, in_link || link, menus);
        if ((named(node, "td") || named(node, "div") || named(node, "ul") || named(node, "ol")) && inner.links >= 10 &&
            inner.link_letters * 10 >= inner.letters * 8) {
            menus.insert(node);
            continue;  // the block around a menu is weighed without it
        }
        weight.letters += inner.letters;
        weight.link_letters += inner.link_letters;
        weight.links += inner.links + (link ? 1 : 0);
    }
    return weight;
}

const xmlNode* find_main(const xmlNode* node) {
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE || skipped(node)) continue;
        if (named(node, "main") || util::ascii_lower(attribute(node, "role")) == "main") return node;
        if (const xmlNode* found = find_main(node->children)) return found;
    }
    return nullptr;
}

void append_text(std::string& to, const xmlNode* node) {
    to.append(reinterpret_cast<const char*>(node->content));
    to.push_back(' ');
}

// "0; url=https://…" of a meta refresh that sends on within ten seconds, as a browser would;
// only an absolute http/https address (a relative one is left to the person).
std::string refresh_target(const std::string& content) {
    const auto semicolon = content.find(';');
    if (semicolon == std::string::npos) return {};
    const auto delay = util::parse_integer(util::trim(std::string_view(content).substr(0, semicolon)));
    if (!delay || *delay < 0 || *delay > 10) return {};
    std::string rest(util::trim(std::string_view(content).substr(semicolon + 1)));
    if (util::ascii_lower(rest.substr(0, 4)) == "url=") rest = std::string(util::trim(std::string_view(rest).substr(4)));
    if (rest.size() >= 2 && (rest.front() == '\'' || rest.front() == '"')) rest = rest.substr(1, rest.size() - 2);
    return util::web_url_or_empty(rest);
}

// Everything readable, the title and the sign-in form.
void collect_all(const xmlNode* node, DocumentText& document) {
    for (; node; node = node->next) {
        if (node->type == XML_TEXT_NODE && node->content) {
            append_text(document.text, node);
            continue;
        }
        if (node->type != XML_ELEMENT_NODE || skipped(node)) continue;
        if (named(node, "input") && util::ascii_lower(attribute(node, "type")) == "password") document.has_password_field = true;
        if (named(node, "meta") && document.refresh_url.empty() && util::ascii_lower(attribute(node, "http-equiv")) == "refresh")
            document.refresh_url = refresh_target(attribute(node, "content"));
        if (named(node, "title") && document.title.empty() && node->children && node->children->content)
            document.title = reinterpret_cast<const char*>(node->children->content);
        collect_all(node->children, document);
    }
}

struct MainCollector {
    DocumentText& document;
    const std::unordered_set<const xmlNode*>& menus;
    bool strip_menus = true;
    bool headline_taken = false;

    void collect(const xmlNode* node, bool in_heading, bool in_content) {
        for (; node; node = node->next) {
            if (node->type == XML_TEXT_NODE && node->content) {
                append_text(document.main_text, node);
                if (in_heading) append_text(document.main_headings, node);
                continue;
            }
            if (node->type != XML_ELEMENT_NODE || skipped(node) || named(node, "title") || is_furniture(node, in_content) ||
                (strip_menus && menus.contains(node)))
                continue;
            if (named(node, "img")) {
                // A picture is content an auditor reads (an organisation chart, a scanned
                // notice); its text alternative says what it shows.
                ++document.main_media;
                document.main_text += attribute(node, "alt") + " ";
            }
            // So is a document shown in the page (a PDF in a frame).
            if (named(node, "iframe") || named(node, "embed") || named(node, "object")) {
                ++document.main_media;
                document.main_text += attribute(node, "title") + " ";
            }
            const bool heading = in_heading || is_heading(node);
            const std::size_t headings_before = document.main_headings.size();
            collect(node->children, heading, in_content || named(node, "article"));
            if (heading && !in_heading && !headline_taken) {
                const std::string_view added = std::string_view(document.main_headings).substr(headings_before);
                if (!util::trim(added).empty()) {
                    document.headline = std::string(util::trim(added));
                    headline_taken = true;
                }
            }
        }
    }
};

// The page's encoding: the Content-Type's charset, else none when the page declares one in a
// <meta> (libxml2 reads it), else UTF-8 (libxml2 would assume Latin-1). Older Thai government
// sites still serve TIS-620 or windows-874.
std::optional<std::string> encoding_of(std::string_view content_type, std::string_view body) {
    const std::string type = util::ascii_lower(content_type);
    if (const auto at = type.find("charset="); at != std::string::npos) {
        std::string charset(util::trim(type.substr(at + 8, type.find(';', at) - at - 8)));
        std::erase(charset, '"');
        if (!charset.empty()) return charset;
    }
    if (util::ascii_lower(body.substr(0, 4096)).find("charset") != std::string::npos) return std::nullopt;
    return "utf-8";
}

}  // namespace

DocumentText html(std::string_view content_type, std::string_view body) {
    DocumentText document;
    document.kind = DocumentKind::html;
    const auto encoding = encoding_of(content_type, body);
    htmlDocPtr parsed = htmlReadMemory(body.data(), static_cast<int>(body.size()), nullptr, encoding ? encoding->c_str() : nullptr,
                                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!parsed) return document;
    const xmlNode* root = xmlDocGetRootElement(parsed);
    collect_all(root, document);
    const xmlNode* main = find_main(root);
    std::unordered_set<const xmlNode*> menus;
    if (!main) weigh_links(root, false, menus);
    MainCollector collector{document, menus};
    collector.collect(main ? main->children : root, false, main != nullptr);
    // A page is never only its menu: when the blocks of links are all there is besides headings,
    // they are the content (a list of news, an index of items).
    const auto content = util::count_letters(document.main_text).letters - util::count_letters(document.main_headings).letters;
    if (!menus.empty() && content < 40 && document.main_media == 0) {
        document.main_text.clear();
        document.main_headings.clear();
        document.headline.clear();
        MainCollector whole{document, menus, false};
        whole.collect(main ? main->children : root, false, main != nullptr);
    }
    if (document.headline.empty()) document.headline = document.title;
    xmlFreeDoc(parsed);
    document.readable = true;
    return document;
}

}  // namespace ita::evidence::readers
