using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Compound;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Sv;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace Nara.Modules.Triage.Domain;

/// <summary>
/// The complaint search and the emergency check, on Lucene.NET: Swedish light stemming, stop words, compound splitting
/// against the knowledge base's own words ("ryggont" is "rygg" + "ont") and fuzzy matching for typos. Built once per
/// knowledge base, in memory; searching is thread-safe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Lives as long as its knowledge base, in memory only; nothing outside the process is held.")]
public sealed class ComplaintIndex
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string Field = "text";

    /// <summary>
    /// Words that say nothing about which complaint it is: function words, and "ont", "värk" and "besvär", which are in
    /// almost every complaint ("ont i magen", "ont i ryggen"). Negations are kept: "kan inte kissa" is not "kissar på mig".
    /// </summary>
    private static readonly string[] SearchStopWords =
    [
        "och", "i", "på", "med", "att", "det", "som", "en", "ett", "jag", "har", "är", "min", "mitt", "mina", "mig", "av", "för",
        "till", "om", "så", "men", "eller", "mycket", "lite", "väldigt", "jätte", "också", "sen", "sedan", "nu", "typ", "känns",
        "känner", "får", "fått", "kan", "vid", "från", "när", "hur", "vad", "the", "a", "an", "and",
        "in", "my", "of", "have", "has", "i", "is", "with", "ont", "värk", "besvär", "problem", "mer", "lika", "bara", "ganska",
        "hela", "tiden", "dag", "dagar", "sig", "du", "han", "hon", "hen", "barnet", "mamma", "pappa", "dotter", "son", "pain",
        "ache", "sore", "hurts", "hurt", "very", "really", "it", "me", "got", "since", "de", "den", "dom", "efter", "under", "över",
        "ska", "skulle", "vill", "tror", "nog", "kanske", "lilla", "lille", "stora", "ja", "nej", "vet", "fick", "blir", "blev",
        "gör", "gjort", "vara", "varit", "kommer", "kom", "sitter", "ser", "går", "gått", "tycker", "brukar", "hela",
        "sen", "igår", "idag", "i dag", "nu", "dar", "dagar", "veckor", "vecka", "timmar", "år", "månader",
    ];

    private static readonly string[] EmergencyStopWords =
    [
        "och", "i", "på", "med", "att", "det", "som", "en", "ett", "jag", "är", "min", "mitt", "mina", "av", "för", "till", "så",
        "men", "eller", "mycket", "väldigt", "jätte", "också", "nu", "typ", "the", "a", "an", "and", "my", "of", "is", "very",
        "really", "han", "hon", "hen", "barnet", "mamma", "pappa", "pappas", "mammas", "min", "vår", "har",
    ];

    private static readonly string[] NegationWords = ["inte", "ingen", "inga", "utan", "ej", "aldrig", "not", "no", "without"];

    // The negations as the emergency analyser writes them (stemmed).
    private readonly HashSet<string> _negations;

    private readonly Analyzer _search;
    private readonly Analyzer _emergency;
    private readonly IndexSearcher _searcher;
    private readonly List<(Complaint Complaint, string Word, List<List<string>> Places)> _documents;
    private readonly List<(EmergencyPattern Pattern, List<List<Phrase>> Groups, List<Phrase> None)> _patterns;
    private readonly List<Phrase> _exceptions;

    private sealed record Phrase(string Text, string[] Tokens, CharacterRunAutomaton[] Fuzzy);

    public ComplaintIndex(IReadOnlyList<Complaint> complaints, EmergencyPhrases emergency)
    {
        var words = complaints.SelectMany(c => c.SynonymsSv.Concat(c.SynonymsEn).Append(c.Title.Sv).Append(c.Title.En))
            .Concat(emergency.Patterns.SelectMany(p => p.AllOf).SelectMany(g => g))
            .SelectMany(w => ComplaintSearch.Normalise(w).Split(' '))
            .Where(w => w.Length >= 3).ToHashSet(StringComparer.Ordinal);
        // Parts a compound can be split into: the words themselves and their stems ("ryggen" gives "rygg").
        using var plain = new TriageAnalyzer([], new CharArraySet(Version, 0, false), compounds: false);
        var parts = new CharArraySet(Version, words.Count * 2, false);
        // A negation is never a part of a compound ("getingstick" is not "geting" + "inga").
        var negationStems = NegationWords.Concat(NegationWords.SelectMany(w => Tokens(plain, w)).Select(t => t.Term)).ToHashSet(StringComparer.Ordinal);
        foreach (var word in words.Where(w => !negationStems.Contains(w)))
        {
            parts.Add(word);
            foreach (var stem in Tokens(plain, word).Select(t => t.Term))
            {
                if (stem.Length >= 3 && !negationStems.Contains(stem))
                {
                    parts.Add(stem);
                }
            }
        }
        _search = new TriageAnalyzer(SearchStopWords, parts, compounds: true);
        _emergency = new TriageAnalyzer(EmergencyStopWords, parts, compounds: true);
        _negations = NegationWords.SelectMany(w => Tokens(_emergency, w)).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);

        var directory = new RAMDirectory();
        var documents = new List<(Complaint, string, List<List<string>>)>();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, _search)))
        {
            foreach (var complaint in complaints)
            {
                foreach (var word in complaint.SynonymsSv.Concat(complaint.SynonymsEn).Append(complaint.Title.Sv).Append(complaint.Title.En).Distinct(StringComparer.Ordinal))
                {
                    writer.AddDocument(new Document { new TextField(Field, word, Lucene.Net.Documents.Field.Store.NO) });
                    documents.Add((complaint, word, Places(Tokens(_search, word))));
                }
            }
            writer.Commit();
        }
        _documents = documents;
        _searcher = new IndexSearcher(DirectoryReader.Open(directory));
        _exceptions = emergency.Exceptions.Select(Compile).Where(x => x.Tokens.Length > 0).ToList();
        _patterns = emergency.Patterns.Select(p => (p, p.AllOf.Select(g => g.Select(Compile).Where(x => x.Tokens.Length > 0).ToList()).ToList(),
            (p.NoneOf ?? []).Select(Compile).Where(x => x.Tokens.Length > 0).ToList())).ToList();
    }

    private Phrase Compile(string phrase)
    {
        var tokens = Tokens(_emergency, phrase).Where(t => t.Increment > 0).Select(t => t.Term).ToArray();
        var fuzzy = tokens.Select(t => new CharacterRunAutomaton(new LevenshteinAutomata(t, true).ToAutomaton(t.Length >= 5 ? 1 : 0))).ToArray();
        return new Phrase(phrase, tokens, fuzzy);
    }

    private static readonly TriageAnalyzer Plain = new(SearchStopWords, new CharArraySet(Version, 0, false), compounds: false);

    /// <summary>The stems of a text's meaningful words ("Hosta med feber" gives "host", "feb"), as the search sees them.</summary>
    public static IReadOnlyList<string> Stems(string text)
    {
        lock (Plain)
        {
            return Tokens(Plain, text).Select(t => t.Term).ToList();
        }
    }

    /// <summary>Complaints whose words match the text, best first; one hit per complaint, with the word that matched best.</summary>
    public IReadOnlyList<ComplaintMatch> Search(string text, Func<Complaint, bool> applies, int max)
    {
        var tokens = Tokens(_search, text);
        if (tokens.Count == 0)
        {
            return [];
        }
        var typing = text.Length > 0 && !char.IsWhiteSpace(text[^1]);
        var query = new BooleanQuery();
        var last = tokens.FindLastIndex(t => t.Increment > 0);
        for (var i = 0; i < tokens.Count; i++)
        {
            var term = tokens[i].Term;
            var either = new BooleanQuery { { new TermQuery(new Term(Field, term)), Occur.SHOULD } };
            var negation = _negations.Contains(term);
            if (term.Length >= 4 && !negation)
            {
                either.Add(new FuzzyQuery(new Term(Field, term), term.Length >= 8 ? 2 : 1, 1) { Boost = 0.6f }, Occur.SHOULD);
            }
            if (typing && i == last && term.Length >= 3 && !negation)
            {
                either.Add(new PrefixQuery(new Term(Field, term)) { Boost = 0.7f }, Occur.SHOULD);
            }
            // A part of a compound counts a little less than a whole word; a negation only tips the balance between
            // complaints that match otherwise ("kan inte kissa" against "kissar på mig").
            either.Boost = negation ? 0.15f : tokens[i].Increment > 0 ? 1f : 0.8f;
            query.Add(either, Occur.SHOULD);
        }
        var hits = _searcher.Search(query, 300).ScoreDocs;
        // Lucene finds and weighs the candidates (rare words count more); each is then scaled by how much of the
        // synonym the text covers, so "feber" finds "feber" before "rosfeber" and "ryggont" finds "ont i ryggen".
        var places = Places(tokens);
        var terms = tokens.Select(t => t.Term).Distinct(StringComparer.Ordinal)
            .Select(t => (Term: t, Fuzzy: new CharacterRunAutomaton(new LevenshteinAutomata(t, true).ToAutomaton(_negations.Contains(t) ? 0 : t.Length >= 8 ? 2 : t.Length >= 4 ? 1 : 0)))).ToList();
        var lastTerm = typing && last >= 0 && !_negations.Contains(tokens[last].Term) ? tokens[last].Term : null;
        // Words the text has whole, and words it has only as a part of a compound ("fot" in "fotboll").
        var wholeTerms = tokens.Where(t => t.Increment > 0).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var partTerms = tokens.Where(t => t.Increment == 0).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        bool Exact(string word) => wholeTerms.Contains(word) || partTerms.Contains(word);
        double Weight(string word) => wholeTerms.Contains(word) ? 1.0 : partTerms.Contains(word) ? 0.8 : 0.7;
        bool Known(string word) => terms.Any(t => t.Term == word || t.Fuzzy.Run(word)) || (lastTerm is { Length: >= 3 } && word.StartsWith(lastTerm, StringComparison.Ordinal));
        var best = new Dictionary<Complaint, ComplaintMatch>();
        foreach (var hit in hits)
        {
            var (complaint, word, synonym) = _documents[hit.Doc];
            if (!applies(complaint) || synonym.Count == 0)
            {
                continue;
            }
            // Negations say nothing about the complaint, so they count neither for nor against coverage.
            var content = synonym.Where(place => !_negations.Contains(place[0])).ToList();
            if (content.Count == 0)
            {
                continue;
            }
            // A word the text has exactly counts 1, one it has with a typo or as a prefix 0.7.
            var covered = content.Sum(place => Exact(place[0]) ? Weight(place[0])
                : place.Count > 1 && place.Skip(1).All(Exact) ? place.Skip(1).Min(Weight)
                : Known(place[0]) || (place.Count > 1 && place.Skip(1).All(Known)) ? 0.7 : 0.0);
            if (covered == 0)
            {
                // Only a negation, or a word of a compound the synonym does not have: not a match.
                continue;
            }
            // How much of the synonym the text covers decides, then how many of its words, then Lucene's weighing (rare
            // words count more): "feber i sex dagar och blir sämre" is fever, not "hör sämre".
            var coverage = covered / content.Count;
            // Each of the synonym's words the text has whole, negations too, adds a little: "kan inte kissa" is closer to
            // "kan inte kissa" than "kissar på mig" is.
            var whole = 0.5 * synonym.Count(place => wholeTerms.Contains(place[0]));
            var score = coverage * 10 + covered + whole + Math.Min(hit.Score, 5.0) * 0.2;
            if (!best.TryGetValue(complaint, out var current) || current.Score < score)
            {
                best[complaint] = new ComplaintMatch(complaint, score, word);
            }
        }
        return best.Values.OrderByDescending(m => m.Score).ThenBy(m => m.Complaint.Title.Sv, StringComparer.Ordinal).Take(max).ToList();
    }

    // Terms grouped by place: a word and the parts of it as a compound.
    private static List<List<string>> Places(List<(string Term, int Increment)> tokens)
    {
        var places = new List<List<string>>();
        foreach (var (term, increment) in tokens)
        {
            if (increment > 0 || places.Count == 0)
            {
                places.Add([]);
            }
            places[^1].Add(term);
        }
        return places;
    }

    /// <summary>The emergency pattern the text matches, as the phrases that matched ("ont i bröstet + svårt att andas"), or null.</summary>
    public string? Emergency(string text)
    {
        var tokens = Tokens(_emergency, text);
        foreach (var (_, groups, none) in _patterns)
        {
            if (none.Any(p => Occurs(p, tokens)))
            {
                continue;
            }
            var matched = new List<string>();
            foreach (var group in groups)
            {
                if (group.FirstOrDefault(p => Occurs(p, tokens)) is { } phrase)
                {
                    matched.Add(phrase.Text);
                }
                else
                {
                    break;
                }
            }
            if (matched.Count == groups.Count && groups.Count > 0)
            {
                return string.Join(" + ", matched);
            }
        }
        return null;
    }

    // The phrase's words in order, at most two words apart (the parts of one compound count as one place, in any
    // order), each word exact or one typo away (words of five letters or more), not right after a negation ("inte ont
    // i bröstet") unless the phrase itself starts with one, and not right before one of the exceptions ("kan inte andas
    // genom näsan").
    private bool Occurs(Phrase phrase, List<(string Term, int Increment)> text)
    {
        var places = Places(text);
        for (var start = 0; start < places.Count; start++)
        {
            if (!places[start].Any(w => Matches(phrase, 0, w)))
            {
                continue;
            }
            // Only a whole word is a negation, never a part of a compound.
            if (!_negations.Contains(phrase.Tokens[0]) && start > 0 && _negations.Contains(places[start - 1][0]))
            {
                continue;
            }
            var at = start;
            var ok = true;
            for (var k = 1; k < phrase.Tokens.Length && ok; k++)
            {
                ok = false;
                for (var next = at; next < places.Count && next <= at + 3; next++)
                {
                    if (places[next].Any(w => Matches(phrase, k, w)))
                    {
                        at = next;
                        ok = true;
                        break;
                    }
                }
            }
            if (ok && !_exceptions.Any(e => StartsWithin(e, places, at + 1, at + 3)))
            {
                return true;
            }
        }
        return false;
    }

    // Whether the exception's words start at one of the places from..to and follow one another.
    private static bool StartsWithin(Phrase exception, List<List<string>> places, int from, int to)
    {
        for (var start = from; start <= to && start < places.Count; start++)
        {
            var k = 0;
            for (var at = start; at < places.Count && k < exception.Tokens.Length && places[at].Any(w => Matches(exception, k, w)); at++)
            {
                k++;
            }
            if (k == exception.Tokens.Length)
            {
                return true;
            }
        }
        return false;
    }

    private static bool Matches(Phrase phrase, int k, string word) => phrase.Tokens[k] == word || phrase.Fuzzy[k].Run(word);

    /// <summary>The analysed words of a text: each term and whether it starts a new position (a compound's parts do not).</summary>
    private static List<(string Term, int Increment)> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(Field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), increment.PositionIncrement));
        }
        stream.End();
        return tokens;
    }

    /// <summary>Standard tokens, lower case, compounds split against the knowledge base's words, stop words out, Swedish light stemming.</summary>
    private sealed class TriageAnalyzer(string[] stopWords, CharArraySet parts, bool compounds) : Analyzer
    {
        private readonly CharArraySet _stop = new(Version, stopWords, false);

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            TokenStream stream = new LowerCaseFilter(Version, tokenizer);
            if (compounds)
            {
                stream = new DictionaryCompoundWordTokenFilter(Version, stream, parts, 6, 3, 15, false);
            }
            stream = new StopFilter(Version, stream, _stop);
            stream = new SwedishLightStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
