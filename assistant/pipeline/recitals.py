"""A well-known poem, idiom story, 歇后语 or old song she asks to hear: told whole, from here. Pure logic.

Asked for one, the shipped 1.5B model says only its title ("念一首杜甫的诗" → "杜甫的诗《春夜喜雨》。",
"给我讲个成语故事吧" → "成语故事：画蛇添足。"), half of it ("念一下孟浩然的《春晓》" → two lines of four),
made-up words ("《茉莉花》这首歌的词是什么" → "茉莉花，花儿开，花儿香。"), a 成语 for a 歇后语, what a song
is about instead of its words, or a story that loops ("孔融让梨") — all in discovery 13. So a request for
such a piece is answered with one of the pieces below, whole and right:

* a piece named by its title or its first words ("念一下《春晓》", "锄禾日当午怎么背") or a story by its
  name ("讲讲孔融让梨的故事");
* a poem asked for by its poet ("念一首杜甫的诗"), or any poem ("背首唐诗");
* an idiom story ("讲个成语故事"), a 歇后语 ("说一个歇后语"), or the second half of one ("猪八戒照镜子，
  后半句是啥");
* a song by its name ("唱一首茉莉花", "孙子过生日，教我唱生日歌": its words).

A question about a piece (who wrote it, what it means: "《春晓》是谁写的"), one asked again ("刚才那首诗",
:mod:`.said_before`), a poet or a title not here, another kind of story ("讲个故事", a joke) go on to the LLM.
The poems and songs are old and public (Tang poems; 陕北 and 江苏 folk songs); the stories are retold here.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Piece:
    kind: str  # "poem", "story", "saying", "song"
    title: str
    author: str  # a poet, or "" for a story, a saying or a folk song
    text: str
    names: tuple[str, ...] = ()  # more words that name it: the first line, a story's name


_POEMS = (
    Piece("poem", "静夜思", "李白", "床前明月光，疑是地上霜。举头望明月，低头思故乡。", ("床前明月光",)),
    Piece("poem", "望庐山瀑布", "李白", "日照香炉生紫烟，遥看瀑布挂前川。飞流直下三千尺，疑是银河落九天。",
          ("日照香炉生紫烟",)),
    Piece("poem", "春晓", "孟浩然", "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。", ("春眠不觉晓",)),
    Piece("poem", "绝句", "杜甫", "两个黄鹂鸣翠柳，一行白鹭上青天。窗含西岭千秋雪，门泊东吴万里船。",
          ("两个黄鹂鸣翠柳",)),
    Piece("poem", "春夜喜雨", "杜甫", "好雨知时节，当春乃发生。随风潜入夜，润物细无声。"
          "野径云俱黑，江船火独明。晓看红湿处，花重锦官城。", ("好雨知时节",)),
    Piece("poem", "登鹳雀楼", "王之涣", "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。", ("白日依山尽",)),
    Piece("poem", "悯农", "李绅", "锄禾日当午，汗滴禾下土。谁知盘中餐，粒粒皆辛苦。", ("锄禾日当午",)),
    Piece("poem", "咏鹅", "骆宾王", "鹅，鹅，鹅，曲项向天歌。白毛浮绿水，红掌拨清波。", ("曲项向天歌",)),
    Piece("poem", "江雪", "柳宗元", "千山鸟飞绝，万径人踪灭。孤舟蓑笠翁，独钓寒江雪。", ("千山鸟飞绝",)),
    Piece("poem", "游子吟", "孟郊", "慈母手中线，游子身上衣。临行密密缝，意恐迟迟归。"
          "谁言寸草心，报得三春晖。",
          ("慈母手中线",)),
    Piece("poem", "相思", "王维", "红豆生南国，春来发几枝。愿君多采撷，此物最相思。", ("红豆生南国",)),
)
_STORIES = (
    Piece("story", "守株待兔", "",
          "从前宋国有个种地的人，有一天看见一只兔子撞在他田边的树桩上死了，他白捡了一只兔子。"
          "从此他不干活了，天天守在树桩旁边，等兔子再撞上来。兔子再也没来，他的地倒荒了。"
          "这个故事是说，过日子不能靠碰运气。"),
    Piece("story", "亡羊补牢", "",
          "从前有个人养了一圈羊。一天早上少了一只，原来羊圈破了个窟窿，夜里狼钻进来把羊叼走了。"
          "邻居劝他赶紧修羊圈，他说羊都丢了，还修什么。第二天羊又少了一只，他这才后悔，赶紧把窟窿补上，"
          "从此再也没丢过羊。这个故事是说，出了错赶紧改，还来得及。"),
    Piece("story", "画蛇添足", "",
          "古时候楚国有几个人分一壶酒，人多酒少，就说好比赛在地上画蛇，谁先画好谁喝。"
          "有个人最先画好，端起酒壶，看别人还没画完，就得意地说：我还能给蛇添上脚呢。他的脚还没画完，"
          "另一个人已经画好了，把酒拿过去说：蛇本来没有脚，你画的不是蛇。这个故事是说，做事别多此一举。"),
    Piece("story", "孔融让梨", "",
          "东汉时候有个孩子叫孔融，四岁那年，家里人吃梨，让他先拿。孔融拿了一个最小的。"
          "大人问他为什么，他说：我年纪小，应该吃小的，大的留给哥哥们。大人又问：那弟弟比你还小呢？"
          "他说：我是哥哥，也该让着弟弟。这个故事是教孩子懂得谦让。"),
)
_SAYINGS = (
    Piece("saying", "外甥打灯笼", "", "外甥打灯笼——照舅。“照舅”听着就是“照旧”，意思是跟原来一样。"),
    Piece("saying", "竹篮打水", "", "竹篮打水——一场空。意思是白忙一场，什么也没得到。"),
    Piece("saying", "芝麻开花", "", "芝麻开花——节节高。意思是日子一天比一天好。"),
    Piece("saying", "哑巴吃黄连", "", "哑巴吃黄连——有苦说不出。意思是心里委屈，又没法说。"),
    Piece("saying", "孔夫子搬家", "", "孔夫子搬家——净是书。“书”听着就是“输”，意思是老是输。"),
    Piece("saying", "猪八戒照镜子", "", "猪八戒照镜子——里外不是人。意思是两头不讨好，怎么做都落埋怨。"),
    Piece("saying", "泥菩萨过江", "", "泥菩萨过江——自身难保。意思是自己都顾不过来，更帮不了别人。"),
    Piece("saying", "丈二和尚", "", "丈二和尚——摸不着头脑。意思是弄不明白是怎么回事。"),
    Piece("saying", "骑驴看唱本", "", "骑驴看唱本——走着瞧。意思是等着看结果吧。"),
)
_SONGS = (
    Piece("song", "东方红", "",
          "东方红，太阳升，中国出了个毛泽东。他为人民谋幸福，呼儿嗨哟，他是人民大救星。"),
    Piece("song", "茉莉花", "",
          "好一朵美丽的茉莉花，好一朵美丽的茉莉花，芬芳美丽满枝桠，又香又白人人夸。"
          "让我来将你摘下，送给别人家，茉莉花呀茉莉花。"),
    Piece("song", "生日歌", "", "祝你生日快乐，祝你生日快乐，祝你生日快乐，祝你生日快乐。",
          ("生日快乐歌", "祝你生日快乐")),
)
PIECES = (*_POEMS, *_STORIES, *_SAYINGS, *_SONGS)

# She asks to hear it: a verb of telling, reciting or singing, or its words asked for.
_ASKS = re.compile(r"念|读|背|讲|说|唱|来(?:一|个|首|段)|听听|词是|歌词|全文|怎么背|后面几句|下一句"
                   r"|[下后]半句|后一句|后半截")
# A question about the piece, or one said before: the LLM's, or said_before's.
_ABOUT = re.compile(r"谁写|谁作|作者|什么意思|啥意思|意思是|哪个朝代|哪朝|讲的是什么|讲的啥|说的是什么|说的啥"
                    r"|是什么歌|好不好听|刚才|刚刚|方才|再念|再讲|再说|再唱|上次|那首|那个故事")
_POEM = re.compile(r"(?:念|读|背|说|来)[^，。？！]{0,8}(?:诗|唐诗|古诗)")
_STORY = re.compile(r"成语故事")
_SAYING = re.compile(r"歇后语")
_TOLD = {"poem": "", "story": "", "saying": "",
         "song": "我唱得不好听，给您念念歌词吧：{text}"}


def recital(text: str, language: str) -> tuple[str, str] | None:
    """``(kind, reply)`` when ``text`` asks to hear a piece found here, whole; else None."""
    said = text.strip()
    if language == "en" or not _ASKS.search(said) or _ABOUT.search(said):
        return None
    piece = _named(said) or _of_kind(said)
    if piece is None:
        return None
    return piece.kind, _told(piece)


# Words that ask for a named piece of each kind: "茉莉花茶怎么泡" is no song, "相思" alone no poem.
_NAMED_ASKS = {"poem": re.compile(r"念|读|背|诗|全文|下一句|后面几句|来一首"),
               "story": re.compile(r"故事|讲"),
               "saying": re.compile(r"歇后语|下一句|[下后]半句|后一句|后半截|后面"),
               "song": re.compile(r"唱|歌|词")}


def _named(said: str) -> Piece | None:
    return next((p for p in PIECES if any(name in said for name in (p.title, *p.names))
                 and _NAMED_ASKS[p.kind].search(said)
                 and (p.title != "绝句" or "杜甫" in said)), None)


def _of_kind(said: str) -> Piece | None:
    if _SAYING.search(said):
        return random.choice(_SAYINGS)
    if _STORY.search(said):
        return random.choice(_STORIES)
    if not _POEM.search(said):
        return None
    poets = {p.author for p in _POEMS}
    named = [poet for poet in poets if poet in said]
    if named:
        return random.choice([p for p in _POEMS if p.author in named])
    if re.search(r"[\u4e00-\u9fff]{2,3}的诗", said) and not re.search(r"(?:唐|古|首)的诗|一首诗", said):
        return None  # a poet not here ("念一首陆游的诗"): the LLM's
    return random.choice(_POEMS)


def _told(piece: Piece) -> str:
    if piece.kind == "poem":
        return f"{piece.author}的《{piece.title}》：{piece.text}"
    if piece.kind == "story":
        return f"给您讲个“{piece.title}”的故事。{piece.text}"
    return _TOLD[piece.kind].format(text=piece.text) if _TOLD[piece.kind] else piece.text
