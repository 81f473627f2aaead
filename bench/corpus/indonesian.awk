# indonesian.awk: keeps the Indonesian prose paragraphs of textify's output,
# once each: at least 8 words, at least 12% of them common Indonesian
# function words, English function words under a third of those, and at
# least 85% letters and spaces (drops code, paths and tables).
# Usage: awk -f indonesian.awk raw.txt > base.txt   (POSIX awk; mawk is fine)
BEGIN {
  n = split("yang dan di ke dari untuk dengan ini itu pada tidak akan dalam atau adalah dapat anda juga oleh sebagai jika bisa harus ada karena saat agar lebih setiap semua tersebut telah sudah kami kita mereka secara seperti apabila bila namun tetapi hanya masih lain beberapa sebuah suatu bahwa ia dia kepada hingga sampai antara", w, " ")
  for (i = 1; i <= n; i++) id[w[i]] = 1
  n = split("the and of to is in for with this that are be by you it on as can not from or an if will which your use has have was when", w, " ")
  for (i = 1; i <= n; i++) en[w[i]] = 1
}
{
  line = tolower($0)
  nw = split(line, t, /[^a-z]+/)
  words = 0; idn = 0; enn = 0
  for (i = 1; i <= nw; i++) {
    if (t[i] == "") continue
    words++
    if (t[i] in id) idn++
    if (t[i] in en) enn++
  }
  if (words < 8) next
  if (idn < 0.12 * words || enn * 3 > idn) next
  letters = gsub(/[A-Za-z ]/, "&", line)
  if (letters < 0.85 * length(line)) next
  if (!seen[$0]++) print
}
