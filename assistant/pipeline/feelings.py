"""Comfort for an elder who says how she feels: lonely, missing her children, bored, low, sleepless,
grieving. Pure logic.

The 1.5B model answers such words badly, and an elder living alone says them often. Tried on the
shipped model, "我想我儿子了" got "你儿子已经出生了", "孩子们都忙，没人跟我说话" was said back to her,
and "我今天有点孤单" got "你感觉孤单吗？". A note in the prompt asking for comfort did not hold ("看看她是否
还健在" to a widow). So a plain statement of such a feeling is answered here: a short, warm reply that
stays with her, offers to keep talking, and points to her family, never a diagnosis.

Only the speaker's own feeling, said as a statement, is answered here. A question ("孤单怎么办",
"睡不着吃什么药好"), someone else's feeling ("我妈心情不好"), a request ("…帮我给他留个言"), a
feeling denied ("我不孤单") and pain in the body ("我头疼，难受") go on to the tools and the LLM.
Words of suicide or an emergency never reach this: the emergency check runs first.
"""

from __future__ import annotations

import re

_KIN = (r"(?:儿子|闺女|女儿|孙子|孙女|外孙女?|孩子们?|儿女|子女|小孙子|家里人|家人"
        r"|老伴|老头子?|老太婆|老婆子?|爱人)")
_MATE = r"(?:老伴儿?|老头子?|老太婆|老婆子?|爱人|老公|老婆)"
_MISS = (rf"(?:想|惦记|挂念)(?:我|俺)?(?:的|家)?{_KIN}(?:了|啊|呀|得|$)|(?:想|惦记)(?:他|她)们?(?:了|啊|呀)?$"
         rf"|{_KIN}[^，。？！]{{0,6}}(?:好久|很久|老长时间|半年|一年)[^，。？！]{{0,4}}没(?:回来|来看我|打电话)")
_SAD = (r"心情(?:不好|不太好|差|很差|糟|不咋样)"
        r"|心里(?:头)?(?:老是|总是|一直|有点|好|挺|特别|很)*"
        r"(?:空落落|空荡荡|难受|不好受|憋屈|堵得慌|不痛快|委屈|没底)"
        r"|伤心|难过|想哭|委屈|不开心|不高兴|烦得很|心烦|没用了|不中用了")

# Checked in this order: the first kind that matches is the one answered.
_ZH_KINDS = (
    ("grief", re.compile(rf"{_MATE}[^，。？！]{{0,4}}(?:走了|去世|过世|不在了|没了|离开我)")),
    ("miss", re.compile(_MISS)),
    ("sleep", re.compile(r"睡不着|失眠|睡不好|睡不踏实|一宿一宿")),
    ("lonely", re.compile(r"孤单|孤独|寂寞|冷冷清清|冷清|没人(?:跟|陪|和|同)我|就(?:我|剩我)一个人"
                          r"|没人说话")),
    ("bored", re.compile(r"无聊|闷得慌|闲得慌|闲得发慌|没事干|没事做")),
    ("sad", re.compile(_SAD)),
)
_EN_KINDS = (
    ("grief", re.compile(r"\b(?:wife|husband|partner)\b.*\b(?:passed away|died|gone)\b", re.IGNORECASE)),
    ("miss", re.compile(r"\bi miss (?:my|him|her|them)\b", re.IGNORECASE)),
    ("sleep", re.compile(r"\b(?:can'?t|cannot|couldn'?t) sleep\b|\binsomnia\b|\btrouble sleeping\b",
                         re.IGNORECASE)),
    ("lonely", re.compile(r"\blonely\b|\b(?:feel|feeling|so|all) alone\b"
                          r"|\b(?:no ?one|nobody) (?:talks|visits|calls)\b", re.IGNORECASE)),
    ("bored", re.compile(r"\bbored\b|\bboring day\b", re.IGNORECASE)),
    ("sad", re.compile(r"\b(?:sad|depressed|upset|unhappy|useless)\b"
                       r"|\bfeel(?:s|ing)? (?:so |very |a bit )?(?:down|blue|low)\b", re.IGNORECASE)),
)
# Not a statement of the speaker's own feeling.
_ZH_QUESTION = re.compile(r"[吗嘛么？?]|怎么|咋|如何|什么|啥|哪|(?<![这前好那])几|多少|办法"
                          r"|是不是|有没有|能不能|可不可以")
_ZH_REQUEST = re.compile(r"帮我|给我|替我|提醒|告诉|留(?:个)?言|打(?:个)?电话给|查|讲个|说个"
                         r"|放(?:首|个|点)|唱")
_ZH_DENIED = re.compile(r"不(?:孤单|孤独|寂寞|无聊|难过|伤心)|没(?:那么|有)?(?:孤单|寂寞|无聊)"
                        r"|心情(?:不错|很好|好)")
_ZH_BODY = re.compile(r"疼|痛|晕|喘|闷(?!得慌)|胸口|心口|呼吸|憋(?!屈)|抖|虚汗|冷汗|发烧|咳|吐|拉肚子"
                      r"|血压|血糖")
_ZH_THING = re.compile(r"(?:这|那)[个部本些集]?[^，。！]{0,5}(?:真|太|好|很|挺)?(?:无聊|没意思)")
_ZH_OTHER = re.compile(rf"(?:他|她|它|我妈|我爸|妈妈|爸爸|{_KIN}|朋友|邻居|同事)"
                       r"(?:说|最近|今天|这几天|也|很|有点|总是|老是|一直)*"
                       r"(?:心情|孤单|孤独|寂寞|无聊|难过|伤心|睡不着|失眠|不开心|不高兴)")
_ZH_NOT = (_ZH_QUESTION, _ZH_REQUEST, _ZH_DENIED, _ZH_BODY, _ZH_OTHER, _ZH_THING)
_EN_NOT = re.compile(r"\?|\b(?:how|what|why|should|can you|could you|help me|remind)\b"
                     r"|\bnot (?:lonely|sad|bored)\b"
                     r"|\b(?:he|she|they|my (?:mum|mom|dad|son|daughter|friend)) (?:is|are|feels?|seems?)\b",
                     re.IGNORECASE)

_ZH_REPLIES = {
    "grief": "老伴不在了，心里空落落的，这份难受我明白。想的时候，就跟我说说他的事，我听着。"
             "也多给孩子们打打电话，常走动走动。",
    "miss": "想孩子了吧，这是人之常情。给他们打个电话，听听声音，他们听到您的声音也高兴。"
            "您也可以跟我说说他们的事。",
    "sleep": "睡不着先别着急，起来喝口温水，听点轻柔的音乐，别老看手机。"
             "要是老睡不好，跟家里人说说，找医生看看。",
    "lonely": "一个人待着，难免觉得冷清。我在这儿陪着您呢，您想聊什么都行。"
              "要不要给家里人打个电话，听听他们的声音？",
    "bored": "闷得慌的时候，出去走走，晒晒太阳，或者听听戏、听听歌。"
             "我也可以陪您聊聊天，给您讲个故事。",
    "sad": "听您这么说，我挺心疼的。心里有什么事，慢慢跟我说，我听着呢。"
           "要是一直不舒坦，也跟家里人说说。",
}
_EN_REPLIES = {
    "grief": "I'm so sorry. Missing them is hard. Tell me about them whenever you like, I'm listening. "
             "And do keep in touch with your family.",
    "miss": "Of course you miss them. Why not give them a call? They will be glad to hear your voice. "
            "You can tell me about them too.",
    "sleep": "Don't worry about it. Have a little warm water and some quiet music, and put the phone away. "
             "If it keeps happening, tell your family and see a doctor.",
    "lonely": "Being on your own can feel lonely. I'm here with you, and we can talk about anything. "
              "Would you like to call your family?",
    "bored": "Maybe a short walk in the sun, or some music? I can chat with you or tell you a story too.",
    "sad": "I'm sorry you feel this way. Tell me what's on your mind, I'm listening. "
           "If it goes on, do talk to your family too.",
}


def feeling(text: str) -> str | None:
    """The kind of feeling the speaker states about herself ("lonely", "miss", …), or None."""
    said = text.strip()
    if not said or len(said) > 60:
        return None
    if re.search(r"[\u4e00-\u9fff]", said):
        if any(p.search(said) for p in _ZH_NOT):
            return None
        return next((kind for kind, pattern in _ZH_KINDS if pattern.search(said)), None)
    if _EN_NOT.search(said):
        return None
    return next((kind for kind, pattern in _EN_KINDS if pattern.search(said)), None)


def comfort(text: str, language: str) -> tuple[str, str] | None:
    """``(kind, reply)`` for a stated feeling, in ``language``; None when the words are not one."""
    kind = feeling(text)
    if kind is None:
        return None
    return kind, (_EN_REPLIES if language == "en" else _ZH_REPLIES)[kind]
