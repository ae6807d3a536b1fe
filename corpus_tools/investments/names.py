"""Who gets the money (the recipient) and who gives it (the investors, lead investors first)."""
from __future__ import annotations

import re

from .. import resources
from .records import (
    _CLAUSE_PUNCT,
    _HAN,
    _LEADING_FUNCTION_CHARS,
    _NAME_STOP,
    _PRONOUNS,
    _Context,
    _Row,
    _simplified,
)


def _actor(ctx: _Context, end: int, s: int) -> list[str]:
    """Who acts (收购, 对…投资): the name before the verb, or the subject of 宣布/表示 when that is 公司."""
    name = _name_before(ctx, end, s)
    if name is None or name in _PRONOUNS:
        said = None
        for m in re.finditer(r"宣布|表示|称", ctx.view[s:end]):
            said = s + m.start()
        name = _name_before(ctx, said, s) if said is not None else None
    return [_investor_name(name) or name] if name is not None and name not in _PRONOUNS else []


# ---- who gets the money

def _recipient(ctx: _Context, row: _Row, lo: int, hi: int, s: int) -> str | None:
    view = ctx.view
    if row.event in ("subsidy", "award", "fund"):
        found = None
        for m in resources.INVESTMENT_POLICY_RECIPIENT.finditer(view, s, row.start):
            found = ctx.text[m.start("r"):m.end("r")].strip()
        if found is None:  # 工研院获得经济部补助3亿元
            for m in re.finditer(r"获得?", view[s:row.start]):
                found = _name_before(ctx, s + m.start(), s)
        return found
    quoted = None
    base = max(s, lo, row.start - 40)
    for quoted in re.finditer(r"「(?P<n>[^「」]{1,30})」", view[base:row.start]):
        pass
    if quoted:
        row.region = (max(row.region[0], base + quoted.start()), row.region[1])
        return ctx.text[base + quoted.start("n"):base + quoted.end("n")]
    bought = resources.INVESTMENT_BOUGHT_FOR.match(view, row.end)
    if row.event == "other" and bought is not None:
        row.investors = row.investors or _actor(ctx, row.start - 1 if view[row.start - 1] == "以" else row.start, s)
        return _name_before(ctx, _trim_parentheses(view, bought.start("target"), bought.end("target")),
                            bought.start("target"))
    if row.event == "investment":
        into = _invested_into(ctx, row, s)
        if into is not None:
            return into
    acquire = None
    for m in re.finditer(r"收购", view[s:row.start]):
        acquire = s + m.end()
    if acquire is not None and row.event == "investment":
        if not row.investors:
            row.investors = _actor(ctx, acquire - 2, s)
        return _name_before(ctx, _trim_parentheses(view, acquire, row.start), acquire)
    if resources.INVESTMENT_BACK_REFERENCE.match(view, s) or re.match(r"[^，。；]{0,12}(?:本轮|此次|本次|该轮)", view[s:]):
        return None  # 本轮融资由…领投，融资金额约10亿元: the round told just before (see _attach_to_previous)
    stop = row.start if (row.amount is not None or row.amount_text) else row.end
    anchors = [m for m in resources.INVESTMENT_ANCHORS.finditer(view, s, stop)]
    by = [m for m in re.finditer(r"(?:在[^，。；]{0,12}?)?由", view[s:stop])]
    ends = [m.start() for m in anchors] + [s + m.start() for m in by]
    for end in sorted(ends, reverse=True):
        name = _name_before(ctx, end, s)
        if name is not None and (resources.INVESTMENT_ROUND.fullmatch(_simplified(name)) or "通过" in name):
            continue
        if name is not None and name not in _PRONOUNS:
            at = ctx.text.rfind(name, s, end)
            if at >= 0:
                row.region = (max(row.region[0], at), row.region[1])
            return name
        if name in _PRONOUNS:  # 该公司: the company quoted just before in the paragraph (「势成一健康」)
            paragraph = view.rfind("\n", 0, s) + 1
            quoted = None
            for quoted in re.finditer(r"「(?P<n>[^「」]{1,30})」", view[max(paragraph, s - 300):s]):
                pass
            if quoted is not None:
                base = max(paragraph, s - 300)
                return ctx.text[base + quoted.start("n"):base + quoted.end("n")]
            said = None
            for m in re.finditer(r"宣布|表示|称", view[s:end]):
                said = s + m.start()
            if said is not None:
                name = _name_before(ctx, said, s)
                if name is not None and name not in _PRONOUNS:
                    return name
    if (row.amount is not None or row.amount_text) and row.event == "financing":
        if resources.INVESTMENT_BACK_REFERENCE.search(view, s, row.start):
            return None  # 本轮融资…融资金额约10亿元: the round told just before (see _attach_to_previous)
        for org in reversed(ctx.organisations()):
            if s <= org.start and org.end <= row.start:
                return org.text
    return None


def _invested_into(ctx: _Context, row: _Row, s: int) -> str | None:
    """X以6500万美元投资Y, X投资6500万美元于Y: Y gets the money, X invests it."""
    view = ctx.view
    before = view[max(s, row.start - 4):row.start]
    m = None
    if re.search(r"(?:以|出资|斥资)\s*\Z", before):
        m = resources.INVESTMENT_INTO_AFTER.match(view, row.end)
        actor_end = row.start - len(before) + max(before.rfind("以"), before.rfind("出资"), before.rfind("斥资"))
    elif re.search(r"(?:投资|入股|注资)了?\s*\Z", before):
        m = resources.INVESTMENT_INTO_AT.match(view, row.end)
        actor_end = row.start - len(before) + max(before.rfind("投资"), before.rfind("入股"), before.rfind("注资"))
    if m is None:
        return None
    name = _name_after(ctx, m.end())
    if name is not None and not row.investors:
        row.investors = _actor(ctx, actor_end, s)
    return name


def _name_after(ctx: _Context, pos: int) -> str | None:
    """The name that starts at ``pos``, up to 旗下/的/并/及 or the end of the clause (特步环球旗下… -> 特步环球)."""
    view = ctx.view
    end = pos
    while end < len(view) and end - pos < 24 and view[end] not in _CLAUSE_PUNCT and view[end] not in "“”「」（）()":
        end += 1
    stop = re.search(r"旗下|的|并|及|以及|和|与|用于|进行|，", view[pos:end])
    if stop is not None:
        end = pos + stop.start()
    name = ctx.text[pos:end].strip()
    return name if 2 <= len(name) <= 24 and _plausible_organisation(_simplified(name)) else None


def _trim_parentheses(view: str, lo: int, hi: int) -> int:
    """The end of a stretch without trailing brackets and spaces (NEC Energy Solutions（NEC ES） -> ...)."""
    while True:
        while hi > lo and view[hi - 1] in " \t的":
            hi -= 1
        if hi > lo and view[hi - 1] in "）)":
            opening = max(view.rfind("（", lo, hi), view.rfind("(", lo, hi))
            if opening > lo:
                hi = opening
                continue
        return hi


def _name_before(ctx: _Context, end: int, lo: int) -> str | None:
    """The name of an organisation that ends at ``end`` (time words and adverbs before it skipped), as written."""
    view = ctx.view
    lo = max(lo, end - 80)
    tail = resources.INVESTMENT_ADVERBIAL_TAIL.search(view, lo, end)
    if tail is not None and tail.start() > lo:
        end = tail.start()
    while end > lo and view[end - 1] in " \t":
        end -= 1
    if end <= lo:
        return None
    start = end
    while start > lo and end - start < 40:
        ch = view[start - 1]
        if ch in "）)" and start < end:
            opening = max(view.rfind("（", max(lo, start - 12), start), view.rfind("(", max(lo, start - 12), start))
            if opening > lo and _HAN.match(view[opening - 1]) and _HAN.match(view[start]):
                start = opening
                continue
        if ch in _NAME_STOP:
            break
        start -= 1
    return _clean_name(ctx.text[start:end], view[start:end])


def _clean_name(written: str, simplified: str) -> str | None:
    """A name from the stretch of text before a verb: the part after its description (跨境贸易服务商
    CoralGlobal 珊瑚跨境 -> CoralGlobal 珊瑚跨境, 高值耗材研发生产企业乐奥医疗 -> 乐奥医疗)."""
    lex = resources.investment_lexicon()
    cut = 0
    # a Latin name after Han words is the name (印度软件公司 Lummo); a Latin word before a Han name stays
    latin = re.search(r"[A-Za-z][A-Za-z0-9.&'+\- ]*(?:[ ]+[\u4e00-\u9fff]{1,6})?\s*\Z", simplified)
    if latin is not None and latin.start() > 0:
        cut = latin.start()
    else:
        for word in ("轮融资", "融资", "领投", "跟投"):
            i = simplified.rfind(word)
            if i >= 0 and len(simplified) - i - len(word) >= 2:
                cut = max(cut, i + len(word))
        for word in lex["descriptors"]:
            i = simplified.rfind(word, 0, len(simplified))
            while i >= 0:
                j = i + len(word)
                if j < len(simplified) and len(simplified) - j >= 2 and (len(word) > 1 or i >= 2):
                    cut = max(cut, j)
                    break
                i = simplified.rfind(word, 0, i)
    name, view = written[cut:], simplified[cut:]
    # a time word or a preposition before the name (在奥马哈企业集团, 12月启明创投)
    while view and view[0] in _LEADING_FUNCTION_CHARS + "0123456789 ":
        name, view = name[1:], view[1:]
    for word in ("这是继", "去年", "今年", "前年", "此前", "近日", "日前", "其中", "以及", "老股东", "原股东"):
        if view.startswith(word):
            name, view = name[len(word):], view[len(word):]
    while view and view[0] in _LEADING_FUNCTION_CHARS + "0123456789 ":
        name, view = name[1:], view[1:]
    name = name.strip(" \t“”\"'")
    if len(name) < 2 or not re.search(r"[A-Za-z\u4e00-\u9fff]", name) or len(name) > 30:
        return None
    return name if _plausible_organisation(_simplified(name)) else None


_LISTING = re.compile(r"首发|首次公开发行|挂牌上市|登陆[^，。；]{0,8}上市")
_NOT_ORG_FIRST = "个项家所座批类于可为将并而但"
_NOT_ORG_NAMES = frozenset(("首发", "首次", "本次", "此次", "本轮", "该轮", "项目"))
_NOT_ORG_ENDINGS = ("后", "先后", "最终", "拟", "超过", "总计", "共计", "累计", "行业", "领域", "阶段", "项目", "计划",
                    "建设", "可", "等", "方面", "总额", "金额", "资金", "费用", "股票", "发行", "市场", "政策")
_ORG_ENDINGS = ("投资", "资本", "基金", "集团", "公司", "银行", "创投", "控股", "证券", "基金二期")


def _plausible_organisation(name: str) -> bool:
    """A name, not a clause left over (个省重点项目, 扣除发行费用后, 追加投资总计超过)."""
    if name in _NOT_ORG_NAMES or name[:1] in _NOT_ORG_FIRST or (
            name.endswith(_NOT_ORG_ENDINGS) and not re.search(r"[A-Za-z]", name)):
        return False
    if re.search(r"投资|融资|发行|扣除|费用|计划", name) and not name.endswith(_ORG_ENDINGS):
        return False
    return not re.search(r"[0-9０-９]{3,}", name)


# ---- investors

def _add_investors(ctx: _Context, row: _Row, lo: int, hi: int) -> None:
    view = ctx.view
    lead, others = [], []
    for m in resources.INVESTMENT_LEAD.finditer(view, lo, hi):
        lead += _names(ctx, m.start("list"), m.end("list"))
    for m in resources.INVESTMENT_BARE_LEAD.finditer(view, lo, hi):
        if "由" in view[max(lo, m.start() - 40):m.start("list") + 1] or _inside(m, resources.INVESTMENT_LEAD, view, lo, hi):
            continue
        name = _name_before(ctx, m.end("list"), m.start("list"))
        if name is not None:
            lead.append(_investor_name(name))
    for m in resources.INVESTMENT_BY_FOLLOW.finditer(view, lo, hi):
        if "领投" not in m.group("list"):
            others += _names(ctx, m.start("list"), m.end("list"))
    for pattern in (resources.INVESTMENT_FOLLOW, resources.INVESTMENT_BY, resources.INVESTMENT_PARTIES,
                    resources.INVESTMENT_HOLDERS, resources.INVESTMENT_BROUGHT_IN):
        for m in pattern.finditer(view, lo, hi):
            if pattern is resources.INVESTMENT_BY and ("领投" in m.group() or re.match(
                    r"[^，。；,;]*?(?:跟投|领投)", view[m.end():hi])):
                continue  # 由上海坚木投资和上海创瑞投资跟投: 投资 ends a name here
            others += _names(ctx, m.start("list"), m.end("list"))
    if row.amount is not None or row.amount_text:
        got = re.compile(r"获得?(?P<list>[^，。；,;0-9０-９]{2,30}?)\Z")
        m = got.search(view, max(lo, row.start - 32), row.start)
        if m is not None and not re.search(r"超|近|约|逾|了|数", m.group("list")[-1:]):
            others += _names(ctx, m.start("list"), m.end("list"))
    lead = [n for n in lead if n]
    others = [n for n in others if n]
    for name in lead:
        if name not in row.lead:
            row.lead.append(name)
    keep = [n for n in row.investors if n != "\0previous"]
    marker = ["\0previous"] if "\0previous" in row.investors else []
    for name in lead + others:
        if not _listed(name, keep) and name != row.recipient:
            keep.append(name)
    ordered = [n for n in row.lead if n in keep] + [n for n in keep if n not in row.lead]
    row.investors = marker + ordered


def _listed(name: str, names: list[str]) -> bool:
    key = "".join(name.split()).lower()
    return any("".join(n.split()).lower() == key for n in names)


def _inside(m: re.Match, pattern: re.Pattern, view: str, lo: int, hi: int) -> bool:
    return any(x.start() <= m.start("list") < x.end() for x in pattern.finditer(view, lo, hi))


def _names(ctx: _Context, lo: int, hi: int) -> list[str]:
    """The investors of a list (A、B 和 C 等), unnamed ones (老股东, 其他现有投资者) left out."""
    view, out = ctx.view, []
    pos = lo
    pieces = []
    for m in resources.INVESTMENT_LIST_SPLIT.finditer(view, lo, hi):
        if m.start() == lo and m.group() in ("和", "与", "及"):
            continue  # 和盟创投: a name that starts with the word
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, hi))
    for a, b in pieces:
        written, simplified = ctx.text[a:b], view[a:b]
        name = _investor_name(written, simplified)
        if name:
            out.append(name)
    return out


def _investor_name(written: str, simplified: str | None = None) -> str | None:
    lex = resources.investment_lexicon()
    simplified = simplified if simplified is not None else written
    # brackets give another name of the same investor (淡明（Truelight Capital）)
    cut = re.sub(r"[（(][^（）()]*[）)]", lambda m: "\0" * len(m.group()), simplified)
    keep = [i for i, ch in enumerate(cut) if ch != "\0"]
    written = "".join(written[i] for i in keep)
    simplified = "".join(simplified[i] for i in keep)
    for word in lex["investor_titles"]:
        i = simplified.rfind(word)
        if i >= 0 and len(simplified) - i - len(word) >= 2:
            written, simplified = written[i + len(word):], simplified[i + len(word):]
    latin = re.search(r"[A-Za-z][A-Za-z0-9.&'+\- ]*\Z", simplified.strip())
    stripped = simplified.strip()
    if latin is not None and latin.start() > 0 and stripped[:latin.start()].endswith(
            ("基金", "公司", "机构", "集团", "平台", "资本")):
        offset = written.strip()
        written, simplified = offset[latin.start():], stripped[latin.start():]
    for word in ("老股东", "原有股东", "原股东", "现有股东", "股东", "以及", "包括了", "包括", "由"):
        if simplified.strip().startswith(word):
            k = simplified.index(word) + len(word)
            written, simplified = written[k:], simplified[k:]
    for word in ("等等", "等", "的", "投资", "领投", "参投", "跟投", "继续", "持续", "也", "共同", "联合", "独家",
                 "补助", "补贴", "资助", "奖励", "拨款"):
        if simplified.rstrip().endswith(word) and len(simplified.rstrip()) - len(word) >= 2:
            k = simplified.rstrip().rfind(word)
            if word == "投资" and not re.search(r"(?:共同|联合|独家|战略|股权)投资\Z", simplified.rstrip()):
                continue  # 上海坚木投资 is a name; 共同投资 is what they did
            written, simplified = written[:k], simplified[:k]
    name, check = written.strip(" \t“”\"'：:"), simplified.strip(" \t“”\"'：:")
    if len(check) < 2 or len(check) > 30 or check in lex["generic_investors"]:
        return None
    if re.search(r"其他|现有|上下游|投资者$|股东$|机构$|企业$|资本$", check) and not re.search(r"[A-Za-z]", check) \
            and (check.endswith(("投资者", "股东", "机构", "企业")) or check.startswith(("其他", "现有"))):
        return None
    if check.endswith("资本") and len(check) <= 4 and check[:2] in ("国有", "社会", "民间", "战略"):
        return None
    return name if _plausible_organisation(_simplified(check)) else None
