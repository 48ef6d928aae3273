print("oitcheck")
