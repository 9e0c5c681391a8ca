"""Questions about the assistant itself, answered in code ("你会干啥？", "我说的话我闺女能看到吗？").

The small LLM does not know this product: asked what it can do it offers to phone the son or order
food, and it says nothing true about what the family sees. So a question about the assistant (what it
can do, how to use a feature, what it cannot do, what it costs, whether it is a person or always
listening, what the family can see and how to hide a turn, how to stop it or hear it again) gets a
short answer written here, true of this product:

* every turn is stored as text (the question, the answer, a thumbnail of a photo asked about) and the
  family reads it by day in the family view, with a daily summary, the reminders and whether each was
  acknowledged, and the alerts (``assistant/storage/conversations.py``, ``assistant/server/api``);
* "这句话别告诉家人" hides that turn (said alone, the one before): the family sees only that something
  was said then, and the summary leaves it out; an emergency still alerts the family;
* the app listens only between "点我说话" and "挂断" (or while held), a phone call while it lasts;
  speaking over an answer stops it ("停止播放" too; "*" on a call); "再说一遍" (or "0") repeats it.

What depends on the set-up is read from :class:`Setup` (the tools, the emergency phone line). Pure
logic: :func:`topic` is the decision, :func:`answer` (:mod:`.selfhelp_answers`) the words.
"""

from __future__ import annotations

import re

from assistant.pipeline import hands
from assistant.pipeline.selfhelp_answers import Setup, answer

__all__ = ["TOPICS", "Setup", "answer", "reply", "topic"]

_FAMILY = (r"(?:家人|家里人|家属|孩子们?|小孩|儿女|子女|儿子|女儿|闺女|孙子|孙女|外孙女?"
           r"|老伴儿?|儿媳妇?|女婿|老头子?|老太婆)")
_HOW = r"(?:怎么|咋|如何|怎样|怎么样|啥办法)"
_YOU = r"(?:你|您|小助手|助手)"
_END = r"[呀呢啊吗哇嘞么嘛不没哈啦吧]*$"  # only particles after the question word
# words said: "我说的", "问你的", "悄悄话", "有的话" (but not the conditional "…的话")
_SAID = r"(?:(?<!的)话|有的话|说的话|(?:说|问|聊|讲)(?:给)?(?:你)?的|对话|聊天)"
_IT = r"(?:这个|这)(?:机器人|小助手|助手|软件|程序|应用|app)"  # the assistant named as a thing
_NOT_LET = r"(?:不想|不愿意?|别|不要|不能|不)让"
_SEE = r"(?:知道|看到|看见|听到|看)"
_OTHERS = rf"(?:{_FAMILY}|别人|别的人|其他人|外人|旁人|有谁|谁|有人)"  # whoever might read what she says

# Each topic: patterns read in each clause of a Chinese question (cut at punctuation) and in its
# clauses run together (a question over two clauses), or in an English one (lower case). The first
# topic with a match wins: how to ask for a thing comes before the thing.
_ZH: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("howto_repeat", (
        rf"{_HOW}(?:才能)?(?:让|叫)?{_YOU}(?:再|重新|重)(?:说|讲|念)", rf"{_HOW}(?:才能)?(?:让|叫){_YOU}重复",
        r"(?:让|叫)你(?:再|重新|重)(?:说|讲|念).{0,6}(?:要|该|得)?(?:怎么|咋)(?:说|办|弄)",
    )),
    ("interrupt", (
        rf"{_HOW}(?:才能)?(?:让|叫)?{_YOU}(?:停|别说|别讲|闭嘴|住嘴|不说|不讲|少说|安静)",
        rf"{_HOW}(?:才能)?打断{_YOU}", rf"打断{_YOU}.{{0,4}}{_HOW}",
    )),
    # its sound off, down or up, asked bare (the 1.5B said "好的，我已经关掉了声音", switching nothing)
    ("volume", (
        r"^(?:你|您|请|快)?(?:帮我)?(?:关掉|关了|关上|调小|调大|开大|开小|调低|调高)(?:一下)?(?:你的?)?(?:声音|音量)"
        r"[吧啊呀]?$",
        r"^(?:你|您)?(?:把)?(?:你的?)?(?:声音|音量)(?:给我)?(?:关|调|开|放)(?:掉|了|上|小|大|低|高)",
        r"^(?:你|您)?的?(?:声音|说话声?)(?:太|有点|好|忒)(?:大|小|响|吵)了?$",
        r"^(?:你|您)?(?:说话)?(?:小点声|小声点|大点声|大声点|轻点声|声音小点|声音大点)儿?[吧啊呀]?$",
        r"^(?:静音|别出声|别吵了?|安静)(?:了|吧|一会儿?|点)*$",
    )),
    ("hide", (  # keeping what is said from the family: words said, a how, and the family not seeing
        rf"^(?=.*{_SAID})(?=.*(?:{_HOW}|能不能|可不可以|有没有办法)).*{_NOT_LET}.{{0,2}}{_FAMILY}.{{0,3}}{_SEE}",
        rf"{_HOW}(?:才能)?(?:把)?(?:我的?)?(?:话|聊天记录|对话|说的)?(?:藏|隐藏|保密|删掉|删除)",
    )),
    # whether it keeps what she said, or a request to delete it (not how: that is "hide", or her phone's)
    ("delete", (
        rf"^(?!.*(?:{_HOW}|手机))(?=.*(?:{_SAID}|(?:说|讲)过的话)).*(?:删|清除|抹掉|清空)",
        rf"(?:{_SAID}|(?:说|讲)过的话).{{0,8}}(?:一直|永远|都|全)?(?:存着|记着|留着|保存|存下来|记下来)"
        rf"(?:吗|没|么|不|呀|啊)?$",
    )),
    ("family_sees", (
        rf"{_SAID}.{{0,8}}{_OTHERS}.{{0,3}}(?:能|会|可以)?"
        rf"(?:看到|看见|看得到|看得见|知道|听到|听得到)(?:吗|不|没|么|没有)?$",
        rf"{_OTHERS}.{{0,2}}(?:能|会|可以)?(?:看到|看见|看得到|听到|知道).{{0,2}}(?:我|俺)?"
        rf"(?:跟|和|对)?(?:你|您)?(?:说|问|聊|讲)(?!的?是)",
        rf"{_OTHERS}.{{0,2}}(?:能|会|可以)?(?:看到|看见|看得到|听到)(?:我们|咱们|我和你|我跟你)的?(?:聊天|对话)",
        rf"{_FAMILY}.{{0,2}}(?:能|会|可以)(?:看到|看见|知道)(?:些)?(?:什么|啥|哪些)",
        rf"{_YOU}.{{0,3}}把我(?:说|问|讲|聊)的.{{0,4}}(?:告诉|说给|讲给|给).{{0,2}}{_OTHERS}",
        rf"(?:跟|和|对){_YOU}(?:说|聊|讲|问)的.{{0,8}}{_FAMILY}.{{0,3}}(?:知道|看到|看见)",
    )),
    ("listening", (
        rf"{_YOU}.{{0,3}}(?:一直|总是|老是|时时刻刻|随时|整天|天天|二十四小时|24小时|晚上|夜里|半夜"
        r"|睡觉的?时候)(?:都|也|还)?(?:在)?(?:听|偷听|录)",
        rf"{_YOU}.{{0,4}}把我(?:说|讲|聊|问)的.{{0,4}}录",
        r"(?:不说话|没说话|不跟你说话|不理你)的?时候.{0,3}你.{0,2}(?:在|还|也)?(?:听|录)",
        rf"{_YOU}.{{0,4}}(?:偷听|监听|窃听)", rf"{_YOU}.{{0,3}}(?:在|会)录音",
        # what she says recorded ("我说的话会被录下来吗": it had been asked back)
        rf"{_SAID}.{{0,4}}(?:会|都|也)?(?:被)?(?:录下来|录音|录着|录了)",
    )),
    ("howto_reminder", (
        rf"{_HOW}(?:才能)?(?:让|叫|请)?{_YOU}.{{0,10}}(?:提醒|叫我|喊我)",
        rf"提醒.{{0,2}}(?:要|该|得)?{_HOW}(?:跟你|和你|对你)?(?:设|弄|定|用|说|搞|办)",
        rf"(?:让|叫){_YOU}.{{0,12}}(?:提醒|叫|喊)我.{{0,12}}(?:要|该|得)?(?:怎么|咋)(?:说|弄|办|设)",
    )),
    ("howto_weather", (
        rf"{_HOW}问{_YOU}.{{0,6}}天气", rf"天气.{{0,6}}(?:要|该|得)?{_HOW}问",
        rf"问天气.{{0,4}}(?:要|该|得)?{_HOW}说",
        rf"{_YOU}(?:能|会|可以)(?:查|看|报)(?:一下)?天气{_END}",
    )),
    ("howto_photo", (
        rf"(?:拍|照)(?:个|张)?(?:照片|相片|照|相).{{0,4}}(?:给|让){_YOU}.{{0,6}}{_HOW}",
        rf"{_HOW}(?:才能)?(?:让|叫)?{_YOU}(?:帮我)?(?:看|念|认|读)",
        rf"{_HOW}(?:给{_YOU})?(?:发|拍|传|看)(?:照片|相片|图片)",
        rf"拍(?:下来|张|个)?给{_YOU}.{{0,3}}(?:能|会|可以)?(?:看|认|念)(?:清|懂|得清|出来)?{_END}",
        rf"{_YOU}(?:能|会|可以)(?:看|认|识别)(?:照片|相片|图片|字){_END}",
    )),
    ("call", (
        rf"{_YOU}.{{0,3}}(?:能|会|可以).{{0,6}}(?:打|拨)(?:个|通)?(?:电话|视频){_END}",
        rf"{_YOU}.{{0,3}}(?:能|会|可以).{{0,8}}(?:发|回)(?:个|条)?(?:短信|微信|消息|信息){_END}",
        rf"^(?:快|请|你)?(?:能不能|能|可以|可不可以)?(?:帮我|替我)?(?:给.{{1,6}})?(?:打|拨)(?:个|通)?(?:电话|视频)"
        rf"(?:给.{{1,6}})?{_END}",
    )),
    ("errand", (
        rf"^(?!.*{_FAMILY}.{{0,4}}帮我).*帮我.{{0,6}}(?:点|叫|订|预订|买|挂|交|付)(?:个|份|张|辆|些|一下)?.{{0,3}}"
        r"(?:外卖|饭|车|的士|出租|滴滴|东西|菜|票|号|费|钱|药)",
        # the thing first ("帮我把药订了送过来", "替我把电费交了"); a reminder or alarm is set by a tool
        rf"^(?!.*{_FAMILY}.{{0,4}}帮我)(?!.*(?:提醒|闹钟)).*(?:帮|替)我把.{{0,6}}(?:订|买|交|付|点|叫)"
        r"(?:了|好|上|回来|过来|一下)",
    )),
    ("cost", (
        rf"(?:用|跟|和|找){_YOU}.{{0,6}}(?:花钱|要钱|收费|收钱|付费|交钱|给钱|收不收费|要不要钱|话费|流量|花不花"
        r"|费钱|费不费)",
        rf"(?:{_YOU}|{_IT}).{{0,4}}(?:要|收)(?:不要|不收)?(?:钱|费)", rf"(?:{_YOU}|{_IT}).{{0,2}}是?免费的?",
        # a sum or a fee asked of her for it ("你一个月要收我多少钱", "用你要交月费吗")
        rf"(?:{_YOU}|{_IT})(?:一个月|每个月|每月|一年|每年)?(?:要)?收(?:我|咱)?(?:多少)?(?:钱|费)",
        rf"(?:用|跟|和|找){_YOU}.{{0,6}}(?:交|付)(?:月|年|会员)?费",
    )),
    ("who", (  # "你是谁？": the 1.5B said "我是你的好朋友，可以…做任何你想做的事情" (eval, phone)
        rf"^(?:请问|那)?{_YOU}(?:到底|究竟)?(?:是|叫)(?:谁|哪位|哪个|什么名字|啥名字?|什么人){_END}",
        rf"^(?:请问)?{_YOU}(?:的)?名字(?:是|叫)?(?:什么|啥){_END}",
    )),
    # a dialect ("你会说上海话吗？" got "会。"): it speaks Mandarin and English only
    ("dialect", (
        rf"{_YOU}?(?:会|能|会不会|能不能)(?:说|讲|听懂?|听得懂)(?:点|一点)?(?:上海话|广东话|粤语|四川话|东北话|方言"
        r"|闽南话|河南话|山东话|湖南话|湖北话|陕西话|天津话|家乡话|土话|客家话|温州话|苏州话|宁波话|潮汕话)",
    )),
    ("human", (
        rf"{_YOU}是(?:不是)?(?:个)?(?:真人|真的人|活人|人|机器人?|电脑|程序|录音)(?:吗|啊|呀|不|吧|么|呢|还是)",
        rf"{_YOU}是(?:个)?(?:机器人?|电脑|程序|人|真人|录音)还是",
    )),
    ("abilities", (
        rf"{_YOU}(?:都|还|到底|究竟)?(?:能|会|可以)(?:帮我)?(?:干|做|弄)?(?:些|点)?(?:啥|什么|嘛|哪些){_END}",
        rf"{_YOU}(?:都|还|到底)?(?:能|会)?(?:帮我)?(?:干|做)(?:些|点)?(?:啥|什么|嘛|哪些)"
        rf"(?:事|事情|用)?{_END}",
        rf"{_YOU}(?:这个东西|这玩意儿?)?.{{0,4}}(?:能|会|有)?(?:干嘛|干啥|干什么|啥用|什么用)(?:用|的)?{_END}",
        rf"(?:{_YOU}|{_IT}).{{0,3}}(?:有|会)(?:些|点)?(?:什么|啥|哪些)(?:本事|本领|功能|用处|能耐|用)",
        rf"{_YOU}还会.{{0,2}}(?:别的|其他|其它)",
        rf"{_YOU}.{{0,3}}(?:能|可以|会)?帮(?:得上|上)?(?:我|您)?(?:些|点)?(?:什么|啥|哪些)忙",
        rf"{_YOU}(?:怎么|咋)用{_END}", rf"{_HOW}用{_YOU}{_END}",
    )),
)

_FOLKS = r"(family|son|daughter|kids|children)"
_EN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("howto_repeat", (r"\bhow (do|can|should) i (get|make|ask) you (to )?(repeat|say (it|that) again)",)),
    ("interrupt", (
        r"\bhow (do|can|should) i (make you |get you to )?(stop|interrupt|shut) (you|up|talking|speaking)",
        r"\bhow (do|can) i (make|get) you (to )?(stop|be quiet)", r"\bhow (do|can) i interrupt you",
    )),
    ("volume", (r"^(please )?(can you |could you )?(turn|switch) (the |your )?(sound|volume|voice) "
                r"(off|down|up)\b",
                r"^(please )?(can you |could you )?(speak|talk) (louder|more quietly|softer|up)\b",
                r"^(please )?(be quiet|mute|silence)\b")),
    ("hide", (rf"\bhow (do|can|could) i (keep|hide)\b.{{0,30}}\bfrom my {_FOLKS}",
              rf"\bhow (do|can|could) i (stop|keep) my {_FOLKS} (from )?(seeing|reading|knowing)",
              r"\bhow (do|can) i (hide|delete)\b.{0,20}\b(chat|conversation|what i said)")),
    ("delete", (r"\b(delete|erase|remove|wipe)\b.{0,20}\b(what i (said|told you)|our (chats?|conversations?)"
                r"|my words|everything i (said|told you))",
                r"\bdo you (keep|store|save|remember) (everything|all|what) i (say|said|tell|told)")),
    ("family_sees", (rf"\b(can|will|does|do) my {_FOLKS}( \w+)? (see|read|hear|know)",
                     r"\b(can|will|does|do) (anyone|anybody|someone|somebody|other people|others)( else)? "
                     r"(see|read|hear|know) what i (say|said|tell|told|ask)",
                     r"\bwho (can|will|else can) (see|read|hear) "
                     r"(what i (say|said|tell|ask)|our (chats?|talks?))",
                     rf"\bwhat can my {_FOLKS} see", rf"\bwill you tell my {_FOLKS}")),
    ("listening", (r"\bare you (always|constantly) (listening|recording)",
                   r"\b(listen|listening|record|recording) all the time", r"\bare you recording\b",
                   r"\bdo you (always )?(record|listen)\b")),
    ("howto_reminder", (r"\bhow (do|can|should) i (set|make|add|get)\b.{0,12}\breminder",
                        r"\bcan you (set reminders|remind me (of|about) things)\b",
                        r"\bhow (do|can) i (get|ask) you to remind me")),
    ("howto_weather", (r"\bhow (do|can|should) i ask( you)? (about|for) the weather",
                       r"\bcan you check the weather\?*$")),
    ("howto_photo", (r"\bhow (do|can|should) i (show|send) you (a |the )?(photo|picture)",
                     r"\bcan you (see|read|look at) (photos|pictures)")),
    ("call", (r"\b(can|could|will|would) you (please )?(call|phone|ring|text|message)\b",
              r"^(please )?(call|phone|ring) my\b")),
    ("errand", (r"\b(can|could|will|would) you (please )?(order|buy|book|get) (me )?(some |a |an )?"
                r"(food|meal|taxi|cab|groceries|ticket|takeaway|delivery)",
                r"\border (some )?(food|a taxi|a cab|groceries) for me")),
    ("cost", (r"\b(do|will) i (have|need) to pay\b", r"\bis (this|it|this service|the assistant) free\b",
              r"\b(do|does) (you|this|it) cost\b", r"\bhow much do you cost")),
    ("who", (r"^\W*(who are you|what'?s your name|what is your name|what are you)\W*$",)),
    ("dialect", (r"\b(can|do) you (speak|understand|talk in) (cantonese|shanghainese|hokkien|a dialect"
                 r"|dialects|my dialect|sichuanese|teochew|hakka)\b",)),
    ("human", (r"\bare you (a )?(real )?(person|human|robot|machine)\b",
               r"\bam i (talking|speaking) to a (real )?(person|human|robot|machine)")),
    ("abilities", (r"\bwhat (else )?(can|do) you do\b", r"\bwhat are you able to\b",
                   r"\bwhat can you help (me )?with", r"\bwhat are you (good )?for\b",
                   r"\bhow do i use you\b")),
)

_ZH_RULES = tuple((name, tuple(re.compile(p) for p in patterns)) for name, patterns in _ZH)
_EN_RULES = tuple((name, tuple(re.compile(p) for p in patterns)) for name, patterns in _EN)
_CLAUSE_CUT = re.compile(r"[，,。.！!？?；;、\s]+")
# A reminder or the privacy request itself, unless it is asked how ("怎么让你提醒我吃药") or whether it
# can be done at all ("can you remind me of things?").
_NOT_HELP = re.compile(r"^(?!.*(?:怎么|咋|如何|\bhow\b|remind me of things|remind me about things))"
                       r".*(?:提醒我|remind me|别告诉|不要告诉)")
# Photos or messages on her phone to delete ("手机里的照片太多了，怎么删掉一些"): not what she said to us.
_PHONE_THINGS = re.compile(r"照片|相片|图片|相册|视频|短信|联系人|通讯录|软件|文件|微信|聊天群|群里")
TOPICS = tuple(name for name, _ in _ZH)


def topic(text: str) -> str | None:
    """The topic of a question about the assistant itself (one of :data:`TOPICS`), else None."""
    if _NOT_HELP.search(text.lower()):
        return None
    if text.isascii():
        lowered = text.lower().strip()
        return next((name for name, rules in _EN_RULES if any(r.search(lowered) for r in rules)), None)
    clauses = [c for c in _CLAUSE_CUT.split(text) if c]
    spans = [*clauses, "".join(clauses)] if len(clauses) > 1 else clauses  # a question over two clauses
    found = next((name for name, rules in _ZH_RULES if any(r.search(s) for r in rules for s in spans)), None)
    return None if found == "hide" and _PHONE_THINGS.search(text) else found


def reply(text: str, language: str, setup: Setup | None = None) -> tuple[str, str] | None:
    """(topic, answer) when ``text`` asks about the assistant itself, else None."""
    name = topic(text)
    if name is None:  # "帮我倒杯水": a thing done by hand, which no voice on a phone can do
        done = hands.answer(text, language)
        return None if done is None else (f"hands_{done[0]}", done[1])
    return name, answer(name, language, setup)
