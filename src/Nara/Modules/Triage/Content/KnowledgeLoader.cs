using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Content;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nara.Modules.Triage.Content;

/// <summary>
/// Reads and validates content/triage: one file per complaint, <c>_shared.yaml</c> (questions several complaints use,
/// such as pregnancy) and <c>_emergency.yaml</c> (words that mean "call 112"). The format is described in docs/triage.md.
/// Anything wrong stops the load with the file, the line and the problem.
/// </summary>
public static partial class KnowledgeLoader
{
    public const string SharedFile = "_shared.yaml";
    public const string EmergencyFile = "_emergency.yaml";
    public const string FallbackComplaint = "annat";

    public static KnowledgeBase Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ContentException(folder, 0, "mappen finns inte");
        }
        var hash = SHA256.Create();
        var files = Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            hash.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        hash.TransformFinalBlock([], 0, 0);
        var version = Convert.ToHexStringLower(hash.Hash!)[..12];

        var sharedPath = Path.Combine(folder, SharedFile);
        if (!File.Exists(sharedPath))
        {
            throw new ContentException(SharedFile, 0, "filen saknas");
        }
        var (shared, sharedSigns, modifiers, reasons) = ReadShared(sharedPath);
        var emergencyPath = Path.Combine(folder, EmergencyFile);
        if (!File.Exists(emergencyPath))
        {
            throw new ContentException(EmergencyFile, 0, "filen saknas");
        }
        var emergency = ReadEmergency(emergencyPath);

        var complaints = new List<Complaint>();
        foreach (var file in files.Where(f => !Path.GetFileName(f).StartsWith('_')))
        {
            complaints.Add(ReadComplaint(file, shared, sharedSigns, modifiers));
        }
        if (complaints.All(c => c.Id != FallbackComplaint))
        {
            throw new ContentException($"{FallbackComplaint}.yaml", 0, $"sökorsaken '{FallbackComplaint}' saknas (den används när inget annat passar)");
        }
        var knowledge = new KnowledgeBase(version, complaints, shared, emergency, FallbackComplaint, reasons);
        var synonyms = new Dictionary<string, Complaint>(StringComparer.Ordinal);
        foreach (var complaint in complaints)
        {
            foreach (var word in complaint.SynonymsSv.Concat(complaint.SynonymsEn).Select(ComplaintSearch.Normalise))
            {
                // The same words may lead to two complaints only when they are for different ages (feber: vuxen, barn, spädbarn).
                if (synonyms.TryGetValue(word, out var other) && other != complaint && other.AppliesWhen.Count == 0 && complaint.AppliesWhen.Count == 0)
                {
                    throw new ContentException(Path.GetFileName(complaint.File), 1, $"synonymen '{word}' finns också i {other.Id}.yaml");
                }
                synonyms.TryAdd(word, complaint);
            }
        }
        return knowledge;
    }

    private static (Dictionary<string, Question> Questions, Dictionary<string, Sign> Signs, List<Sign> Modifiers, CombinationReasons Reasons) ReadShared(string path)
    {
        var file = new ContentFile(path);
        var root = file.Root(["sources", "questions", "signs", "modifiers", "combination_reasons"]);
        file.Sources(root);
        var questions = new Dictionary<string, Question>(StringComparer.Ordinal);
        foreach (var node in file.List(root, "questions", required: true))
        {
            var question = file.Question(node, questions.Keys.ToHashSet(StringComparer.Ordinal), shared: null);
            if (question.RedFlag)
            {
                file.Fail(node, $"en gemensam fråga ({question.Id}) kan inte vara red_flag; markera varningstecknen i sökorsakens egen fil");
            }
            if (!questions.TryAdd(question.Id, question))
            {
                file.Fail(node, $"frågan '{question.Id}' finns redan");
            }
        }
        var signs = new Dictionary<string, Sign>(StringComparer.Ordinal);
        foreach (var node in file.List(root, "signs", required: false))
        {
            var sign = file.Sign(file.AsMap(node, ["id", "when", "weight", "label"]), questions, requireId: true);
            if (!signs.TryAdd(sign.Id, sign))
            {
                file.Fail(node, $"tecknet '{sign.Id}' finns redan");
            }
        }
        var modifiers = new List<Sign>();
        foreach (var node in file.List(root, "modifiers", required: false))
        {
            var modifier = file.Sign(file.AsMap(node, ["id", "when", "weight", "label"]), questions, requireId: true);
            if (modifiers.Any(m => m.Id == modifier.Id) || signs.ContainsKey(modifier.Id))
            {
                file.Fail(node, $"'{modifier.Id}' finns redan");
            }
            modifiers.Add(modifier);
        }
        var reasonsNode = file.Map(root, "combination_reasons", [.. Enum.GetNames<Urgency>().Where(n => n != nameof(Urgency.Egenvard)), "vet_inte"]);
        var byUrgency = new Dictionary<Urgency, LocalText>();
        foreach (var urgency in Enum.GetValues<Urgency>().Where(u => u != Urgency.Egenvard))
        {
            var text = file.Text(reasonsNode, urgency.ToString())!;
            if (!text.Sv.Contains("{signs}", StringComparison.Ordinal) || !text.En.Contains("{signs}", StringComparison.Ordinal))
            {
                file.Fail(reasonsNode, $"combination_reasons.{urgency} ska innehålla {{signs}} på både sv och en");
            }
            byUrgency[urgency] = text;
        }
        return (questions, signs, modifiers, new CombinationReasons(byUrgency, file.Text(reasonsNode, "vet_inte")!));
    }

    private static EmergencyPhrases ReadEmergency(string path)
    {
        var file = new ContentFile(path);
        var root = file.Root(["phrases", "patterns", "exceptions", "reason", "source"]);
        var phrases = file.Map(root, "phrases", ["sv", "en"]);
        var sv = file.Strings(phrases, "sv", required: true);
        var en = file.Strings(phrases, "en", required: true);
        var sourceNode = file.Map(root, "source", ["id", "title", "publisher", "url"]);
        var source = file.Source(sourceNode);
        // Each phrase is enough on its own; a pattern needs one phrase from every group.
        var patterns = sv.Concat(en).Select(p => new EmergencyPattern(p, [[p]])).ToList();
        foreach (var node in file.List(root, "patterns", required: false))
        {
            var map = file.AsMap(node, ["id", "all", "none"]);
            var id = file.Id(map, "id");
            var groups = file.List(map, "all", required: true).Select(g => g is YamlSequenceNode seq && seq.Children.Count > 0
                ? seq.Children.Select(c => c is YamlScalarNode { Value: { } v } && v.Trim().Length > 0 ? v.Trim() : null).ToList()
                : null).ToList();
            if (groups.Count < 2 || groups.Any(g => g is null || g.Any(p => p is null)))
            {
                file.Fail(node, $"mönstret '{id}': all ska vara minst två listor med fraser, t.ex. [[ont i bröstet], [svårt att andas]]");
            }
            if (patterns.Any(p => p.Id == id))
            {
                file.Fail(node, $"mönstret '{id}' finns redan");
            }
            patterns.Add(new EmergencyPattern(id, groups.Select(g => (IReadOnlyList<string>)g!.Select(p => p!).ToList()).ToList(), file.Strings(map, "none", required: false)));
        }
        return new EmergencyPhrases(sv, en, file.Text(root, "reason")!, source, patterns, file.Strings(root, "exceptions", required: false));
    }

    private static Complaint ReadComplaint(string path, Dictionary<string, Question> shared, Dictionary<string, Sign> sharedSigns, List<Sign> sharedModifiers)
    {
        var file = new ContentFile(path);
        var root = file.Root(["id", "title", "synonyms", "applies_when", "sources", "questions", "rules", "combinations", "self_care"]);
        var id = file.Id(root, "id");
        if (id + ".yaml" != Path.GetFileName(path))
        {
            file.Fail(root, $"id '{id}' ska vara detsamma som filens namn ({Path.GetFileName(path)})");
        }
        var title = file.Text(root, "title")!;
        var synonyms = file.Map(root, "synonyms", ["sv", "en"]);
        var sv = file.Strings(synonyms, "sv", required: true);
        var en = file.Strings(synonyms, "en", required: false);
        var sources = file.Sources(root);

        var questions = new List<Question>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in file.List(root, "questions", required: false))
        {
            var question = file.Question(node, seen, shared);
            if (shared.ContainsKey(question.Id))
            {
                file.Fail(node, $"frågan '{question.Id}' finns redan bland de gemensamma frågorna i {SharedFile}");
            }
            if (!seen.Add(question.Id))
            {
                file.Fail(node, $"frågan '{question.Id}' finns redan");
            }
            questions.Add(question);
        }
        var all = questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
        foreach (var (key, value) in shared)
        {
            all.TryAdd(key, value);
        }
        var appliesWhen = file.Conditions(root, "applies_when", all, onlySubject: true);

        var rules = new List<Rule>();
        var ruleIds = new HashSet<string>(StringComparer.Ordinal);
        var ruleNodes = file.List(root, "rules", required: true);
        foreach (var node in ruleNodes)
        {
            var map = file.AsMap(node, ["id", "when", "urgency", "care_level", "channel", "reason", "source", "combined_because"]);
            var ruleId = file.Id(map, "id");
            if (!ruleIds.Add(ruleId))
            {
                file.Fail(node, $"regeln '{ruleId}' finns redan");
            }
            var when = file.Conditions(map, "when", all, onlySubject: false);
            foreach (var condition in when)
            {
                if (all.TryGetValue(condition.Operand, out var q) && q.RedFlag && !(condition.Op == ConditionOp.Equal && condition.Value == TriageEngine.Yes))
                {
                    file.Fail(node, $"regeln '{ruleId}': varningstecknet '{q.Id}' får bara användas som '{q.Id} = ja', så att ett varningstecken aldrig kan sänka angelägenhetsgraden");
                }
            }
            var urgency = file.Enum<Urgency>(map, "urgency", required: true)!.Value;
            // One abnormal finding escalates: a rule that needs two of the complaint's own findings at once lets a clearly ill
            // person fall through both, unless its source says both are needed (then say so, citing it).
            var findings = when.Count(c => !c.IsOnSubject && questions.Any(q => q.Id == c.Operand) && IsFinding(c));
            if (findings >= 2 && urgency > Urgency.Egenvard && file.Scalar(map, "combined_because", required: false) is null)
            {
                file.Fail(node, $"regeln '{ruleId}' kräver {findings} avvikande svar samtidigt; använd combinations (tecken som väger ihop), dela upp regeln, eller ange combined_because med vad källan säger");
            }
            if (rules.Count > 0 && rules[^1].Urgency < urgency)
            {
                file.Fail(node, $"regeln '{ruleId}' ({urgency}) står efter '{rules[^1].Id}' ({rules[^1].Urgency}); reglerna ska stå med den mest brådskande först");
            }
            var careLevel = file.Enum<TriageCareLevel>(map, "care_level", required: false) ?? DefaultCareLevel(urgency);
            var channel = file.Enum<TriageChannel>(map, "channel", required: false) ?? DefaultChannel(urgency);
            var reason = file.Text(map, "reason")!;
            var source = file.Scalar(map, "source", required: true)!;
            if (sources.All(s => s.Id != source))
            {
                file.Fail(node, $"regeln '{ruleId}' hänvisar till källan '{source}', som inte finns under sources");
            }
            rules.Add(new Rule(ruleId, when, urgency, careLevel, channel, reason, source));
        }
        if (rules.Count == 0 || rules[^1].When.Count > 0)
        {
            file.Fail(ruleNodes.LastOrDefault() ?? root, "den sista regeln ska sakna villkor (when: []), så att varje väg slutar i ett utfall");
        }
        var used = rules.SelectMany(r => r.When).Concat(questions.SelectMany(q => q.AskWhen)).Select(c => c.Operand).ToHashSet(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("combinations"), out var signsNode) && signsNode is YamlMappingNode signsMap
            && signsMap.Children.TryGetValue(new YamlScalarNode("signs"), out var signList) && signList is YamlSequenceNode signSequence)
        {
            foreach (var text in signSequence.Children.OfType<YamlMappingNode>()
                .Select(m => m.Children.TryGetValue(new YamlScalarNode("when"), out var w) ? (w as YamlScalarNode)?.Value : null).OfType<string>())
            {
                used.Add(Condition.TryParse(text.Trim(), out _)?.Operand ?? "");
            }
        }
        foreach (var question in questions.Where(q => !q.Summary && !used.Contains(q.Id)))
        {
            file.Fail(file.NodeOf(question.Id) ?? root, $"frågan '{question.Id}' används inte av någon regel; ta bort den eller markera den summary: true");
        }

        Combination? combination = null;
        if (root.Children.TryGetValue(new YamlScalarNode("combinations"), out var combinationNode))
        {
            combination = file.Combination(file.AsMap(combinationNode, ["signs", "modifiers", "levels"]), all, sharedSigns, sharedModifiers, sources);
            var lowest = rules.Where(r => r.When.Count == 0).Select(r => r.Urgency).DefaultIfEmpty(Urgency.Egenvard).Max();
            foreach (var level in combination.Levels.Where(l => l.Urgency <= lowest))
            {
                file.Fail(combinationNode, $"nivån {level.At} ({level.Urgency}) höjer inte över den sista regeln ({lowest})");
            }
        }

        SelfCareAdvice? selfCare = null;
        if (root.Children.TryGetValue(new YamlScalarNode("self_care"), out var selfCareNode))
        {
            var map = file.AsMap(selfCareNode, ["advice", "seek_care_if"]);
            selfCare = new SelfCareAdvice(file.TextList(map, "advice"), file.TextList(map, "seek_care_if"));
        }
        if (selfCare is null && rules.Any(r => r.Urgency == Urgency.Egenvard))
        {
            file.Fail(root, "self_care saknas, men en regel ger egenvård: egenvårdsråd och när man ska söka vård behövs");
        }
        return new Complaint(id, path, title, sv, en, appliesWhen, questions, rules, selfCare, sources, combination);
    }

    // An abnormal answer: "= ja", a choice, or a threshold on a number; "= nej" and "!=" say what is absent.
    private static bool IsFinding(Condition condition) =>
        condition.Op is not ConditionOp.NotEqual && !(condition.Op == ConditionOp.Equal && condition.Value == TriageEngine.No);

    internal static TriageCareLevel DefaultCareLevel(Urgency urgency) => urgency switch
    {
        Urgency.Ring112 or Urgency.AkutNu => TriageCareLevel.Akutmottagning,
        Urgency.VardIdag or Urgency.VardInomDagar => TriageCareLevel.Vardcentral,
        _ => TriageCareLevel.Egenvard,
    };

    internal static TriageChannel DefaultChannel(Urgency urgency) => urgency switch
    {
        Urgency.Ring112 or Urgency.VardIdag => TriageChannel.Telefon,
        Urgency.AkutNu or Urgency.VardInomDagar => TriageChannel.Besok,
        _ => TriageChannel.Ingen,
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    internal static partial Regex IdPattern();

    /// <summary>One YAML file with its line numbers, and the checks every part of the format uses.</summary>
    private sealed class ContentFile
    {
        private readonly string _name;
        private readonly YamlMappingNode _root;
        private readonly Dictionary<string, YamlNode> _questionNodes = new(StringComparer.Ordinal);

        public ContentFile(string path)
        {
            _name = Path.GetFileName(path);
            var stream = new YamlStream();
            try
            {
                using var reader = new StreamReader(path, Encoding.UTF8);
                stream.Load(reader);
            }
            catch (YamlException ex)
            {
                throw new ContentException(_name, ex.Start.Line, "ogiltig YAML: " + string.Join(' ', ex.Message.Split('\n', StringSplitOptions.TrimEntries)));
            }
            catch (InvalidOperationException)
            {
                // The representation model fails on some malformed files without a position: find it with the parser.
                throw new ContentException(_name, LastGoodLine(path), "ogiltig YAML: kontrollera hakparenteser, citattecken och indrag här");
            }
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                throw new ContentException(_name, 1, "filen ska vara en YAML-karta (nyckel: värde)");
            }
            _root = root;
        }

        private static long LastGoodLine(string path)
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            var parser = new Parser(reader);
            long line = 1;
            try
            {
                while (parser.MoveNext())
                {
                    line = parser.Current?.Start.Line ?? line;
                }
            }
            catch (YamlException ex)
            {
                return ex.Start.Line;
            }
            catch (InvalidOperationException)
            {
                // The scanner itself gave up: the problem is at or just after the last event it read.
            }
            return line;
        }

        public YamlNode? NodeOf(string questionId) => _questionNodes.GetValueOrDefault(questionId);

        public void Fail(YamlNode node, string problem) => throw new ContentException(_name, node.Start.Line, problem);

        public YamlMappingNode Root(string[] keys) => AsMap(_root, keys);

        public YamlMappingNode AsMap(YamlNode node, string[] keys)
        {
            if (node is not YamlMappingNode map)
            {
                Fail(node, "här ska det stå en karta (nyckel: värde)");
                throw new UnreachableException();
            }
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!keys.Contains(name))
                {
                    Fail(key, $"okänd nyckel '{name}'; tillåtna här: {string.Join(", ", keys)}");
                }
            }
            return map;
        }

        private static YamlNode? Child(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        public YamlMappingNode Map(YamlMappingNode map, string key, string[] keys) =>
            AsMap(Child(map, key) ?? Missing(map, key), keys);

        private YamlNode Missing(YamlNode at, string key)
        {
            Fail(at, $"{key} saknas");
            throw new UnreachableException();
        }

        public string? Scalar(YamlMappingNode map, string key, bool required)
        {
            var node = Child(map, key);
            if (node is null)
            {
                return required ? Missing(map, key).ToString() : null;
            }
            if (node is not YamlScalarNode { Value: { } value } || string.IsNullOrWhiteSpace(value))
            {
                Fail(node, $"{key} ska vara en text");
                return null;
            }
            return value.Trim();
        }

        public string Id(YamlMappingNode map, string key)
        {
            var id = Scalar(map, key, required: true)!;
            if (!IdPattern().IsMatch(id))
            {
                Fail(Child(map, key)!, $"{key} '{id}' får bara innehålla a–z, 0–9, _ och -");
            }
            return id;
        }

        public bool Flag(YamlMappingNode map, string key)
        {
            var value = Scalar(map, key, required: false);
            return value switch
            {
                null or "false" => false,
                "true" => true,
                _ => FailWith<bool>(Child(map, key)!, $"{key} ska vara true eller false"),
            };
        }

        private T FailWith<T>(YamlNode node, string problem)
        {
            Fail(node, problem);
            throw new UnreachableException();
        }

        public decimal? Number(YamlMappingNode map, string key)
        {
            var value = Scalar(map, key, required: false);
            if (value is null)
            {
                return null;
            }
            return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : FailWith<decimal>(Child(map, key)!, $"{key} ska vara ett tal");
        }

        public TEnum? Enum<TEnum>(YamlMappingNode map, string key, bool required) where TEnum : struct, System.Enum
        {
            var value = Scalar(map, key, required);
            if (value is null)
            {
                return null;
            }
            return System.Enum.TryParse<TEnum>(value, ignoreCase: false, out var e) && System.Enum.IsDefined(e)
                ? e
                : FailWith<TEnum>(Child(map, key)!, $"{key} '{value}' finns inte; välj bland {string.Join(", ", System.Enum.GetNames<TEnum>())}");
        }

        public LocalText? Text(YamlMappingNode map, string key, bool required = true)
        {
            var node = Child(map, key);
            if (node is null)
            {
                return required ? FailWith<LocalText>(map, $"{key} saknas") : null;
            }
            return LocalTextOf(AsMap(node, ["sv", "en"]), key);
        }

        private LocalText LocalTextOf(YamlMappingNode map, string key)
        {
            var sv = Scalar(map, "sv", required: false);
            var en = Scalar(map, "en", required: false);
            if (sv is null || en is null)
            {
                Fail(map, $"{key} behöver både sv och en");
            }
            return new LocalText(sv!, en!);
        }

        public List<LocalText> TextList(YamlMappingNode map, string key) =>
            List(map, key, required: true).Select(n => LocalTextOf(AsMap(n, ["sv", "en"]), key)).ToList();

        public List<YamlNode> List(YamlMappingNode map, string key, bool required)
        {
            var node = Child(map, key);
            if (node is null)
            {
                return required ? FailWith<List<YamlNode>>(map, $"{key} saknas") : [];
            }
            if (node is not YamlSequenceNode sequence)
            {
                return FailWith<List<YamlNode>>(node, $"{key} ska vara en lista");
            }
            if (required && sequence.Children.Count == 0)
            {
                Fail(node, $"{key} är tom");
            }
            return sequence.Children.ToList();
        }

        public List<string> Strings(YamlMappingNode map, string key, bool required) =>
            List(map, key, required).Select(n => n is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v)
                ? v.Trim()
                : FailWith<string>(n, $"{key}: varje rad ska vara en text")).ToList();

        public List<ContentSource> Sources(YamlMappingNode root)
        {
            var sources = new List<ContentSource>();
            foreach (var node in List(root, "sources", required: true))
            {
                var source = Source(AsMap(node, ["id", "title", "publisher", "url"]));
                if (sources.Any(s => s.Id == source.Id))
                {
                    Fail(node, $"källan '{source.Id}' finns redan");
                }
                sources.Add(source);
            }
            return sources;
        }

        public ContentSource Source(YamlMappingNode map)
        {
            var url = Scalar(map, "url", required: true)!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                Fail(map, $"url '{url}' ska vara en https-adress");
            }
            return new ContentSource(Id(map, "id"), Scalar(map, "title", required: true)!, Scalar(map, "publisher", required: true)!, url);
        }

        public Question Question(YamlNode node, HashSet<string> earlier, Dictionary<string, Question>? shared)
        {
            var map = AsMap(node, ["id", "type", "text", "help", "red_flag", "summary", "options", "unit", "min", "max", "ask_when"]);
            var id = Id(map, "id");
            _questionNodes[id] = node;
            if (Condition.SubjectFacts.Contains(id))
            {
                Fail(node, $"'{id}' är reserverat för personens ålder och kön");
            }
            var typeText = Scalar(map, "type", required: true);
            var type = typeText switch
            {
                "yesno" => QuestionType.YesNo,
                "choice" => QuestionType.Choice,
                "number" => QuestionType.Number,
                "duration" => QuestionType.Duration,
                _ => FailWith<QuestionType>(Child(map, "type")!, $"type '{typeText}' finns inte; välj yesno, choice, number eller duration"),
            };
            var redFlag = Flag(map, "red_flag");
            var summary = Flag(map, "summary");
            if (redFlag && type != QuestionType.YesNo)
            {
                Fail(node, $"varningstecknet '{id}' ska vara en ja/nej-fråga (type: yesno)");
            }
            if (redFlag && summary)
            {
                Fail(node, $"'{id}' kan inte vara både red_flag och summary");
            }
            var options = new List<ChoiceOption>();
            foreach (var optionNode in List(map, "options", required: type == QuestionType.Choice))
            {
                var option = AsMap(optionNode, ["id", "sv", "en"]);
                var optionId = Id(option, "id");
                if (options.Any(o => o.Id == optionId) || optionId is TriageEngine.Yes or TriageEngine.No or TriageEngine.DontKnow)
                {
                    Fail(optionNode, $"svarsalternativet '{optionId}' finns redan eller är reserverat");
                }
                options.Add(new ChoiceOption(optionId, LocalTextOf(option, "options")));
            }
            if (type == QuestionType.Choice && options.Count < 2)
            {
                Fail(node, $"frågan '{id}' behöver minst två svarsalternativ");
            }
            if (type != QuestionType.Choice && options.Count > 0)
            {
                Fail(node, $"frågan '{id}' har options men är inte type: choice");
            }
            var unit = Text(map, "unit", required: false);
            var min = Number(map, "min");
            var max = Number(map, "max");
            if (type == QuestionType.Number && (unit is null || min is null || max is null || min >= max))
            {
                Fail(node, $"talfrågan '{id}' behöver unit (sv, en), min och max med min < max");
            }
            if (type == QuestionType.Duration && (unit is not null || min < 0 || max > Durations.MaxDays || min >= max))
            {
                Fail(node, $"tidsfrågan '{id}' räknas i dagar och har ingen unit; min och max (dagar) ska ligga mellan 0 och {Durations.MaxDays}");
            }
            if (type is not (QuestionType.Number or QuestionType.Duration) && (unit is not null || min is not null || max is not null))
            {
                Fail(node, $"frågan '{id}' har unit, min eller max men är inte type: number eller duration");
            }
            if (type == QuestionType.Duration)
            {
                min ??= 0;
                max ??= Durations.MaxDays;
            }
            var askWhen = new List<Condition>();
            foreach (var conditionNode in List(map, "ask_when", required: false))
            {
                var condition = ParseCondition(conditionNode);
                if (!condition.IsOnSubject && (shared is null || !earlier.Contains(condition.Operand)))
                {
                    Fail(conditionNode, $"ask_when för '{id}' får bara använda alder, alder_manader, kon och frågor som står före den i samma fil");
                }
                askWhen.Add(condition);
            }
            return new Question(id, type, Text(map, "text")!, Text(map, "help", required: false), redFlag, summary, options, unit, min, max, askWhen);
        }

        /// <summary>A sign or modifier: a condition on the urgent side of its question, a positive weight and a short label.</summary>
        public Sign Sign(YamlMappingNode map, Dictionary<string, Question> questions, bool requireId)
        {
            var whenNode = Child(map, "when") ?? Missing(map, "when");
            var when = ParseCondition(whenNode);
            if (when.IsOnSubject)
            {
                if (when.Operand == Condition.Sex ? when.Op is not (ConditionOp.Equal or ConditionOp.NotEqual) : when.Number is null)
                {
                    Fail(whenNode, $"villkoret '{when.Text}': {when.Operand} jämförs med {(when.Operand == Condition.Sex ? "kvinna eller man" : "ett tal")}");
                }
            }
            else if (!questions.TryGetValue(when.Operand, out var question))
            {
                Fail(whenNode, $"tecknet '{when.Text}' nämner frågan '{when.Operand}', som inte finns här eller i {SharedFile}");
            }
            else
            {
                var ok = question.Type switch
                {
                    QuestionType.YesNo => when.Op == ConditionOp.Equal && when.Value == TriageEngine.Yes,
                    QuestionType.Choice => when.Op == ConditionOp.Equal && question.Option(when.Value) is not null,
                    _ => when.Number is not null && when.Op is not (ConditionOp.Equal or ConditionOp.NotEqual),
                };
                if (!ok)
                {
                    Fail(whenNode, $"tecknet '{when.Text}' ska vara '{question.Id} = ja', ett svarsalternativ (=) eller en gräns (<, <=, >, >=), så att ett tecken bara kan höja");
                }
            }
            var id = requireId || Child(map, "id") is not null ? Id(map, "id") : when.Operand;
            return new Sign(id, when, Weight(map), Text(map, "label")!);
        }

        private int Weight(YamlMappingNode map)
        {
            var text = Scalar(map, "weight", required: true);
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var weight) && weight is >= 1 and <= 10
                ? weight
                : FailWith<int>(Child(map, "weight")!, "weight ska vara ett heltal 1–10");
        }

        public Combination Combination(YamlMappingNode map, Dictionary<string, Question> questions, Dictionary<string, Sign> sharedSigns,
            List<Sign> sharedModifiers, List<ContentSource> sources)
        {
            var signs = new List<Sign>();
            foreach (var node in List(map, "signs", required: true))
            {
                var item = AsMap(node, ["id", "when", "weight", "label", "shared"]);
                Sign sign;
                if (Scalar(item, "shared", required: false) is { } sharedId)
                {
                    if (!sharedSigns.TryGetValue(sharedId, out var common))
                    {
                        Fail(node, $"det gemensamma tecknet '{sharedId}' finns inte i {SharedFile} (finns: {string.Join(", ", sharedSigns.Keys)})");
                        throw new UnreachableException();
                    }
                    sign = common with { Weight = Child(item, "weight") is null ? common.Weight : Weight(item) };
                }
                else
                {
                    sign = Sign(item, questions, requireId: false);
                }
                if (signs.Any(s => s.Id == sign.Id))
                {
                    Fail(node, $"tecknet '{sign.Id}' finns redan; ge det ett eget id");
                }
                signs.Add(sign);
            }
            var modifiers = sharedModifiers;
            if (Child(map, "modifiers") is not null)
            {
                modifiers = [];
                foreach (var node in List(map, "modifiers", required: false))
                {
                    var name = node is YamlScalarNode { Value: { } v } ? v.Trim() : "";
                    modifiers.Add(sharedModifiers.FirstOrDefault(m => m.Id == name)
                        ?? FailWith<Sign>(node, $"modifieraren '{name}' finns inte i {SharedFile} (finns: {string.Join(", ", sharedModifiers.Select(m => m.Id))})"));
                }
            }
            var levels = new List<SignLevel>();
            foreach (var node in List(map, "levels", required: true))
            {
                var item = AsMap(node, ["at", "urgency", "care_level", "channel", "source"]);
                var atText = Scalar(item, "at", required: true);
                if (!int.TryParse(atText, NumberStyles.None, CultureInfo.InvariantCulture, out var at) || at < 1)
                {
                    Fail(Child(item, "at")!, "at ska vara ett positivt heltal (summan av tecknens vikter)");
                }
                var urgency = Enum<Urgency>(item, "urgency", required: true)!.Value;
                if (urgency == Urgency.Egenvard)
                {
                    Fail(node, "en nivå ska höja till VardInomDagar, VardIdag, AkutNu eller Ring112");
                }
                if (levels.Count > 0 && (levels[^1].Urgency <= urgency || levels[^1].At <= at))
                {
                    Fail(node, "nivåerna ska stå med den mest brådskande (och högsta summan) först");
                }
                if (signs.Sum(s => s.Weight) + modifiers.Sum(m => m.Weight) < at)
                {
                    Fail(node, $"nivån {at} kan aldrig nås: tecknens och modifierarnas vikter är tillsammans {signs.Sum(s => s.Weight) + modifiers.Sum(m => m.Weight)}");
                }
                var source = Scalar(item, "source", required: true)!;
                if (sources.All(s => s.Id != source))
                {
                    Fail(node, $"nivån {at} hänvisar till källan '{source}', som inte finns under sources");
                }
                levels.Add(new SignLevel(at, urgency, Enum<TriageCareLevel>(item, "care_level", required: false) ?? DefaultCareLevel(urgency),
                    Enum<TriageChannel>(item, "channel", required: false) ?? DefaultChannel(urgency), source));
            }
            return new Combination(signs, modifiers, levels);
        }

        private Condition ParseCondition(YamlNode node)
        {
            if (node is not YamlScalarNode { Value: { } text })
            {
                return FailWith<Condition>(node, "ett villkor ska vara en text, t.ex. 'feber = ja'");
            }
            return Condition.TryParse(text.Trim(), out var problem) ?? FailWith<Condition>(node, problem!);
        }

        public List<Condition> Conditions(YamlMappingNode map, string key, Dictionary<string, Question> questions, bool onlySubject)
        {
            var conditions = new List<Condition>();
            foreach (var node in List(map, key, required: false))
            {
                var condition = ParseCondition(node);
                if (condition.IsOnSubject)
                {
                    var ok = condition.Operand == Condition.Sex
                        ? condition.Op is ConditionOp.Equal or ConditionOp.NotEqual && condition.Value is TriageSubject.Woman or TriageSubject.Man
                        : condition.Number is not null;
                    if (!ok)
                    {
                        Fail(node, $"villkoret '{condition.Text}': {condition.Operand} jämförs med {(condition.Operand == Condition.Sex ? "kvinna eller man" : "ett tal")}");
                    }
                }
                else if (onlySubject)
                {
                    Fail(node, $"{key} får bara använda alder, alder_manader och kon");
                }
                else if (!questions.TryGetValue(condition.Operand, out var question))
                {
                    Fail(node, $"villkoret '{condition.Text}' nämner frågan '{condition.Operand}', som inte finns här eller i {SharedFile}");
                }
                else
                {
                    var valid = question.Type switch
                    {
                        QuestionType.YesNo => condition.Op is ConditionOp.Equal or ConditionOp.NotEqual && condition.Value is TriageEngine.Yes or TriageEngine.No or TriageEngine.DontKnow,
                        QuestionType.Choice => condition.Op is ConditionOp.Equal or ConditionOp.NotEqual && question.Option(condition.Value) is not null,
                        _ => condition.Number is not null,
                    };
                    if (!valid)
                    {
                        Fail(node, question.Type switch
                        {
                            QuestionType.YesNo => $"villkoret '{condition.Text}': '{question.Id}' är en ja/nej-fråga; skriv = ja, = nej eller = vet_inte",
                            QuestionType.Choice => $"villkoret '{condition.Text}': '{condition.Value}' är inget svarsalternativ till '{question.Id}' ({string.Join(", ", question.Options.Select(o => o.Id))})",
                            _ => $"villkoret '{condition.Text}': '{question.Id}' är en talfråga; jämför med ett tal",
                        });
                    }
                }
                conditions.Add(condition);
            }
            return conditions;
        }
    }
}
