"""The context of an emergency's words (read by :mod:`assistant.care.emergency` and
:mod:`assistant.care.emergency_crisis`): how an utterance is cut into sentences and clauses, and the
words that make a sign negated ("没摔倒"), hypothetical ("要是摔倒了"), a general question ("胸口疼是
什么原因"), resolved ("没事了"), not here (television, hearsay), in the past, or still so now.
Pure logic.
"""

from __future__ import annotations

import re

CLAUSE = re.compile(r"[，,；;：:、]")
SENTENCE = re.compile(r"[。！？!?…\n]+|\.\s")

# A fall or pain said strongly enough to need no other sign of urgency.
SEVERE = re.compile(r"厉害|得很|受不了|要命|特别|非常|剧烈|突然|起不来|动不了"
                    r"|badly|really|severe|terrible", re.I)

NEGATION = re.compile(
    r"(没|没有|不是|并没|别|不要|不会|不用|未)(摔|跌|倒|事|疼|痛|闷|晕|喘|着火|流血|麻|歪)"
    r"|不(疼|痛|闷|晕|喘|麻)了|好(多)?了|没事|没什么事|不要紧|放心"
    r"|差(一)?点(儿)?|险些"  # "差点摔倒", "差点把硬币吞下去": it did not happen
    r"|\b(not(?! (breathing|responding|answering|waking|moving|conscious))"
    r"|didn'?t|don'?t|no longer|never|i'?m ok|i'?m fine)\b",
    re.I)
HYPOTHETICAL = re.compile(
    r"如果|要是|假如|假设|万一|的话|(?<![恐只])怕(?!是|不是)|(恐|只)怕(会|要)"  # 怕是, 恐怕: "probably"
    r"|随便问问|(就|只)是?问问"
    r"|担心|害怕|会不会|容易|预防|防止|避免|(?<!不)小心|注意|以防|怎么预防|该怎么办|怎(么)?样才能"
    r"|的(人|病人|老人)(要|该|应该|怎么|能|可以|吃|得|一般)"  # people in general: "昏迷的人怎么护理"
    r"|\b(if|in case|what should|how (do|can|to)|afraid|worried|prevent|avoid|would|just asking)\b", re.I)
QUESTION_GENERAL = re.compile(
    r"是什么(原因|病|意思)|什么原因|(?<!有)什么意思|怎么回事|为什么|是不是.{0,6}病|应该(先)?(做什么|怎么(做|办))|该做什么"
    r"|有哪些(症状|表现)|什么症状"
    r"|\b(what causes|why does|is it normal|what should|signs of|symptoms of)\b", re.I)
FIRST_PERSON = re.compile(r"我|俺|\b(i|my|me)\b", re.I)
RESOLVED = re.compile(r"已经好了|已经没事|没事|(一点|一丁点|啥|什么)(儿)?(事|伤)(儿)?(都|也)没有"
                      r"|好多了|不要紧|没大碍|老毛病|老样子"
                      # past now ("刚才吃药噎着了，现在好了"; not "好了吗", a question of it)
                      r"|(现在|这会儿|已经|总算|终于)(已经)?(好了|缓过来了|咳出来了|吐出来了|咽下去了)(?!吗|没)"
                      r"|\b(i'?m (ok|fine)( now)?|it'?s passed"
                      r"|(he'?s|she'?s|they'?re|is|are) (doing )?(fine|well|ok|okay) now)\b", re.I)
# Someone close to the user, named by a family word ("我妈", "老伴", "my husband").
KIN = (r"妈|爸|娘|爹|老伴|老头子?|老太婆?|老婆|老公|媳妇|丈夫|妻子|爱人|老倌|奶奶|爷爷|姥姥|姥爷|外公|外婆"
       r"|阿婆|阿公|婆婆|公公|儿子|女儿|闺女|孩子|孙子|孙女|外孙女?|哥|姐|弟|妹|母亲|父亲|朋友|邻居"
       r"|\b(?:mum|mom|mother|dad|father|husband|wife|grandma|grandpa|grandmother|grandfather|son|daughter"
       r"|brother|sister|friend|neighbou?r|partner)\b")
NOT_HERE = re.compile(
    r"电视|电影|电视剧|新闻|节目|视频|小说|故事|戏里|剧里|书上|广告|这首歌|歌里|歌词|唱的|梦见|梦到|做梦|做了个梦|听说|据说|人家说"
    r"|\b(tv|television|movie|film|show|story|book|song|lyrics|dream(ed|t)?|heard that|news)\b", re.I)
PAST = re.compile(
    r"昨天|前天|上次|上回|上周|上个?(礼拜|星期)|上个月|去年|前年|以前|那年|小时候|年轻时|几年前|前几天|那次"
    r"|\b(yesterday|last (week|month|year)|years ago|once)\b", re.I)
CANNOT = re.compile(r"\bcan ?not\b", re.I)  # "cannot get up", "can not breathe": one form, "can't"
MISTAKE = re.compile(r"吃错|拿错|搞错|弄错|不小心|误(吃|服)|当成|\b(by mistake|accidentally)\b", re.I)
DIALECT = re.compile(r"咋")  # "咋整", "咋防": 怎么
# A part of the body said as a topic, a pause after it ("我胸口啊，就跟压了块石板一样"): one clause.
TOPIC_PAUSE = re.compile(r"(胸口|心口|胸|心脏|头|脑袋|肚子)(啊|呀|哎|呢|吧|嘛)[，,]\s*")
CRY = re.compile(r"救命|救救我|help me", re.I)  # a cry for help is never hypothetical
STILL = re.compile(r"现在|还是|还在|仍然|一直|到现在|\b(still|now)\b", re.I)
# What he or she said ("他说张大爷摔倒了"): see told_here.
_SAID_BY = re.compile(r"(他|她)说(?!话|不(出|清))")
_KIN_RE = re.compile(KIN, re.I)
# How to give first aid ("噎住了怎么急救"): a question of knowledge when it is asked about no one.
FIRST_AID = re.compile(r"怎么(急救|抢救|施救|处理|救)|如何(急救|施救|处理)|急救(方法|措施|办法)|海姆立克"
                       r"|\b(heimlich|first aid|how (do you|to) treat)\b", re.I)
PERSON = re.compile(r"我|俺|咱|他|她|您|你|" + KIN + r"|\b(i|my|me|he|she|his|her|you|they)\b", re.I)
URGENT = re.compile(r"快|赶紧|马上|现在|救命|\b(quick|now|help)\b", re.I)


def told_here(sentence: str, *, close: bool = False) -> str:
    """The part of ``sentence`` about here and now: none of it for television, a story, a dream or
    hearsay ("听说张大爷摔倒了"); what comes before "他说/她说" ("老伴胸口疼得厉害，他说喘不上气": the
    pain is here, the rest is someone's words). With ``close`` (for a crisis), his or her words count
    too once someone close was named before them ("我妈刚才哭了，她说活着没意思")."""
    if NOT_HERE.search(sentence):
        return ""
    said = _SAID_BY.search(sentence)
    if said is None or (close and _KIN_RE.search(sentence[:said.start()])):
        return sentence
    return sentence[:said.start()]
