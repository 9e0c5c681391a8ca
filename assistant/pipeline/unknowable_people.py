"""How someone outside the home is now: a neighbour ("对门老李最近咋样了", "隔壁王大妈出院了没有") or a
famous person ("刘德华最近在干啥", "赵本山现在身体咋样了"). Nobody told the assistant and it reads no
news, so it cannot know; the 1.5B model would say "he is well" or invent a film. Asked, not told: "老李住院了"
is her own news, "刘德华唱过哪些歌" is knowledge (the LLM). What a neighbour is doing this minute is
own_life's ("whereabouts"). Pure logic.
"""

from __future__ import annotations

import re

_SURNAME = ("张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
            "袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭")
# A neighbour, by place or by name and kinship term ("老李", "王大妈", "张阿姨").
_NEIGHBOUR = (rf"(?:对门|隔壁|楼上|楼下|邻居|街坊|老邻居|同楼|对面)|老[{_SURNAME}]"
              rf"|[{_SURNAME}](?:大妈|大爷|大娘|大伯|大叔|大婶|大姐|大哥|阿姨|叔叔|奶奶|爷爷|婶子|师傅|老师"
              r"|老太太|老头)")
# A famous person: by what they do ("那个唱歌的", "演小品的"), or a name right before "最近"/"现在": a
# common surname and one or two characters.
_FAMOUS = r"明星|歌星|影星|歌手|演员|主持人|唱歌的|演小品的|说相声的|演电视的|那个演|那个唱"
_NAME = rf"[{_SURNAME}][\u4e00-\u9fff]{{1,2}}"
_LATELY = r"最近|近来|这阵子|这阵儿|这些天|这几天|现在|如今|眼下|这两年|这会儿"
# How a famous person is now: health, news, what they are busy with.
_HOW = (r"(?:咋样|怎么样|如何|还好|好不好|身体|病|干啥|干什么|忙啥|忙什么|在干|在忙|拍了?什么|演了?什么"
        r"|出了?什么|有(?:什么|啥)(?:消息|新闻|动静)|离婚|结婚|去世|走了|退休|住院|出院)")
# A neighbour's health or news; what a neighbour is doing this minute is own_life's
# ("楼上的邻居现在干什么呢").
_STATE = (r"(?:咋样|怎么样|如何|还好|好不好|身体|病|有(?:什么|啥)(?:消息|动静)|离婚|结婚|去世|走了|退休"
          r"|住院|出院)")
_ASKED = r"(?:吗|嘛|没有?|不|了没|呢|啊|呀|[？?])"
_NEIGHBOUR_NOW = re.compile(rf"(?:{_NEIGHBOUR})[^，。？]{{0,6}}?(?:{_LATELY})[^，。？]{{0,4}}?{_STATE}"
                            rf"|(?:{_NEIGHBOUR})[^，。？]{{0,6}}?(?:出院|住院|病好|好点|好些|好了)[^，。？]{{0,2}}"
                            rf"{_ASKED}")
_FAMOUS_NOW = re.compile(rf"(?:(?:{_FAMOUS})[^，。？]{{0,6}}?|^{_NAME})(?:{_LATELY})[^，。？]{{0,4}}?{_HOW}"
                         rf"|(?:{_FAMOUS})[^，。？]{{0,8}}(?:是不是|是否)[^，。？]{{0,4}}"
                         r"(?:离婚|结婚|去世|走了|病了|住院)")
# Not someone else: the user, the assistant, her own family (own_life and the LLM answer those).
_SELF = re.compile(r"^(?:我|你|您|咱|俺|他|她|它|我们|你们|他们|天气|身体|最近|现在|血压|血糖|股票|基金|生意"
                   r"|儿子|女儿|闺女|孙子|孙女|老伴|外孙|儿媳|女婿|今天|今年|高血|黄金|金价|石头|马路|白菜)")
_EN = re.compile(r"\bhow is (?:my |the )?neighbou?r\b"
                 r"|\bwhat is [A-Z][a-z]+ [A-Z][a-z]+ (?:doing|up to) (?:now|lately|these days)\b"
                 r"|\b(?:neighbou?r|celebrity|singer|actor|actress)\b.{0,20}"
                 r"\b(?:lately|these days|recently|now)\b")

REPLY_ZH = {
    "neighbour": "邻居最近怎么样，我不知道，也没人告诉我。您可以去敲敲门、打个电话问问，或者问问别的邻居。",
    "famous": "名人最近的消息我查不到，我知道的可能已经过时了，您可以看看电视或手机上的新闻。",
}
REPLY_EN = {
    "neighbour": "I don't know how your neighbour is; nobody told me. Knock on their door or give them "
                 "a call.",
    "famous": "I can't look up the latest news about famous people, and what I know may be out of date; "
              "please check the news.",
}


def people_topic(text: str) -> str | None:
    """"neighbour" or "famous" when ``text`` asks how such a person is now or what they do lately, else
    None."""
    said = text.strip()
    if _NEIGHBOUR_NOW.search(said):
        return "neighbour"
    if _FAMOUS_NOW.search(said) and not _SELF.search(said):
        return "famous"
    if _EN.search(said):
        return "neighbour" if re.search(r"neighbou?r", said, re.I) else "famous"
    return None
